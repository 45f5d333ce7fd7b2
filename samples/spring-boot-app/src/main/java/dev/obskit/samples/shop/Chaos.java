package dev.obskit.samples.shop;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** Makes checkout fail for a while, as a bad deploy would. Thread-safe. */
@Component
public class Chaos {
  private final Clock clock = Clock.systemUTC();
  private volatile Instant brokenUntil = Instant.MIN;

  /** Breaks checkout for {@code duration} from now. */
  public void breakFor(Duration duration) {
    brokenUntil = clock.instant().plus(duration);
  }

  /** Returns whether checkout is broken now. */
  public boolean isBroken() {
    return clock.instant().isBefore(brokenUntil);
  }
}
