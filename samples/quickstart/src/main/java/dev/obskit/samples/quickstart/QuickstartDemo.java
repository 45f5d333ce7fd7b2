package dev.obskit.samples.quickstart;

public final class QuickstartDemo {
  public static void main(String[] args) {
  }
}
