package dev.obskit.samples.shop;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * A small shop. Everything ObsKit does here comes from obs-spring-boot-starter and
 * {@code application.yml}: the shop's own code only sells things (and, for the demo, breaks).
 */
@SpringBootApplication
@EnableScheduling
public class ShopApplication {
  public static void main(String[] args) {
    SpringApplication.run(ShopApplication.class, args);
  }
}
