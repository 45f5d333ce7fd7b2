package dev.obskit.incidents;

import dev.obskit.core.ObsContext;
import dev.obskit.core.id.TeamId;
import dev.obskit.core.id.UserId;
import dev.obskit.core.usage.Meters;
import dev.obskit.core.usage.UsageEvent;
import dev.obskit.incidents.escalation.Responder;
import dev.obskit.incidents.escalation.ResponderDirectory;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A responder directory that reports the team's responder count as {@link Meters#RESPONDERS} usage
 * after every change (a gauge-like value: billing keeps the peak). Thread-safe if the delegate is.
 */
final class MeteredResponders implements ResponderDirectory {
  private static final Logger log = LoggerFactory.getLogger(MeteredResponders.class);
  private final ResponderDirectory delegate;
  private final ObsContext ctx;

  MeteredResponders(ResponderDirectory delegate, ObsContext ctx) {
    this.delegate = delegate;
    this.ctx = ctx;
  }

  @Override
  public void put(Responder responder) {
    delegate.put(responder);
    TeamId team = responder.teamId();
    try {
      ctx.usage().report(UsageEvent.of(team, Meters.RESPONDERS, delegate.members(team).size(),
          ctx.clock().instant(), "incidents.responders:" + ctx.ids().next()));
    } catch (RuntimeException e) {
      log.warn("reporting responder usage for team {} failed", team, e);
    }
  }

  @Override
  public Optional<Responder> find(TeamId teamId, UserId user) {
    return delegate.find(teamId, user);
  }

  @Override
  public List<Responder> members(TeamId teamId) {
    return delegate.members(teamId);
  }
}
