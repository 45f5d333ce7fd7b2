package dev.obskit.uptime.http;

import dev.obskit.uptime.check.Timings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.List;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.Handshake;
import okhttp3.Protocol;
import okhttp3.Response;

/**
 * Collects per-phase timings of one call from OkHttp's events. Phases repeated by redirects are
 * summed. One instance per call; OkHttp delivers a call's events in order, so the fields need no
 * locking beyond visibility, which the completion callback's happens-before edge provides.
 */
final class TimingListener extends EventListener {
  private long callStart;
  private long dnsStart;
  private long dns = Timings.NOT_MEASURED;
  private long connectStart;
  private long connect = Timings.NOT_MEASURED;
  private long tlsStart;
  private long tls = Timings.NOT_MEASURED;
  private long requestStart;
  private long firstByte = Timings.NOT_MEASURED;

  @Override
  public void callStart(Call call) {
    callStart = System.nanoTime();
  }

  @Override
  public void dnsStart(Call call, String domainName) {
    dnsStart = System.nanoTime();
  }

  @Override
  public void dnsEnd(Call call, String domainName, List<InetAddress> addresses) {
    dns = add(dns, System.nanoTime() - dnsStart);
  }

  @Override
  public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
    connectStart = System.nanoTime();
  }

  @Override
  public void connectEnd(Call call, InetSocketAddress address, Proxy proxy, Protocol protocol) {
    connect = add(connect, System.nanoTime() - connectStart);
  }

  @Override
  public void secureConnectStart(Call call) {
    tlsStart = System.nanoTime();
  }

  @Override
  public void secureConnectEnd(Call call, Handshake handshake) {
    tls = add(tls, System.nanoTime() - tlsStart);
  }

  @Override
  public void requestHeadersStart(Call call) {
    requestStart = System.nanoTime();
  }

  @Override
  public void responseHeadersStart(Call call) {
    firstByte = add(firstByte, System.nanoTime() - requestStart);
  }

  @Override
  public void responseHeadersEnd(Call call, Response response) {
    // timings are complete once the body is read; nothing to do here
  }

  long callStartNanos() {
    return callStart;
  }

  Timings timings(long endNanos) {
    return new Timings(dns, connect, tls, firstByte, endNanos - callStart);
  }

  private static long add(long current, long delta) {
    return current == Timings.NOT_MEASURED ? delta : current + delta;
  }
}
