package dev.obskit.statuspages;

import dev.obskit.core.ObsKit;
import dev.obskit.core.http.HttpResponse;
import dev.obskit.core.http.IncomingRequest;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Sends requests through the kit's router, as an adapter would. */
final class Requests {
  private final ObsKit kit;

  Requests(ObsKit kit) {
    this.kit = kit;
  }

  HttpResponse getFrom(String peer, String path, String... headers) {
    return send("GET", path, peer, "", headers);
  }

  HttpResponse get(String path, String... headers) {
    return getFrom("203.0.113.7", path, headers);
  }

  HttpResponse postForm(String path, String peer, String form, String... headers) {
    String[] h = new String[headers.length + 2];
    System.arraycopy(headers, 0, h, 0, headers.length);
    h[headers.length] = "Content-Type";
    h[headers.length + 1] = "application/x-www-form-urlencoded";
    return send("POST", path, peer, form, h);
  }

  HttpResponse send(String method, String pathAndQuery, String peer, String body,
      String... headers) {
    int q = pathAndQuery.indexOf('?');
    String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    String query = q < 0 ? null : pathAndQuery.substring(q + 1);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    List<String[]> hs = new ArrayList<>();
    for (int i = 0; i + 1 < headers.length; i += 2) {
      hs.add(new String[] {headers[i], headers[i + 1]});
    }
    hs.add(new String[] {"Content-Length", Integer.toString(bytes.length)});
    InetAddress peerAddress;
    try {
      peerAddress = InetAddress.getByName(peer);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
    return kit.router().dispatch(new IncomingRequest() {
      @Override
      public String method() {
        return method;
      }

      @Override
      public String rawPath() {
        return path;
      }

      @Override
      public String rawQuery() {
        return query;
      }

      @Override
      public List<String> headerValues(String name) {
        List<String> out = new ArrayList<>();
        for (String[] h : hs) {
          if (h[0].toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
            out.add(h[1]);
          }
        }
        return out;
      }

      @Override
      public InputStream body() {
        return new ByteArrayInputStream(bytes);
      }

      @Override
      public InetAddress peerAddress() {
        return peerAddress;
      }

      @Override
      public URI baseUrl() {
        return URI.create("http://status.test");
      }
    });
  }
}
