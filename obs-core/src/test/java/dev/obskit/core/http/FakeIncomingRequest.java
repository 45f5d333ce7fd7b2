package dev.obskit.core.http;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An {@link IncomingRequest} built in memory for router tests. */
final class FakeIncomingRequest implements IncomingRequest {
  private final String method;
  private final String rawPath;
  private final String rawQuery;
  private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  private InputStream body = new ByteArrayInputStream(new byte[0]);
  private InetAddress peer = InetAddress.getLoopbackAddress();

  FakeIncomingRequest(String method, String target) {
    this.method = method;
    int q = target.indexOf('?');
    this.rawPath = q < 0 ? target : target.substring(0, q);
    this.rawQuery = q < 0 ? null : target.substring(q + 1);
  }

  static FakeIncomingRequest of(String method, String target) {
    return new FakeIncomingRequest(method, target);
  }

  FakeIncomingRequest header(String name, String value) {
    headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    return this;
  }

  FakeIncomingRequest body(String text) {
    this.body = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  FakeIncomingRequest body(InputStream in) {
    this.body = in;
    return this;
  }

  FakeIncomingRequest peer(String ip) throws Exception {
    this.peer = InetAddress.getByName(ip);
    return this;
  }

  @Override
  public String method() {
    return method;
  }

  @Override
  public String rawPath() {
    return rawPath;
  }

  @Override
  public String rawQuery() {
    return rawQuery;
  }

  @Override
  public List<String> headerValues(String name) {
    return headers.getOrDefault(name, List.of());
  }

  @Override
  public InputStream body() {
    return body;
  }

  @Override
  public InetAddress peerAddress() {
    return peer;
  }

  @Override
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:8080/obskit");
  }
}
