package dev.obskit.samples.shop;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stands in for the on-call team's phones: ObsKit's signed webhook pages land here and are printed
 * to the console. In a real app the channel would be Slack, Teams, SMS or e-mail.
 */
@RestController
public class PagerReceiver {
  private static final Pattern TITLE = Pattern.compile("\"title\":\"([^\"]{0,200})\"");
  private final List<String> pages = new CopyOnWriteArrayList<>();

  @PostMapping("/hooks/pager/{user}")
  public void page(@PathVariable("user") String user, @RequestBody byte[] body) {
    String json = new String(body, StandardCharsets.UTF_8);
    Matcher m = TITLE.matcher(json);
    String line = "[pager] " + user + " paged: " + (m.find() ? m.group(1) : json.length() + " bytes");
    pages.add(line);
    System.out.println(line);
  }

  /** Returns the pages received so far. */
  public List<String> pages() {
    return List.copyOf(pages);
  }
}
