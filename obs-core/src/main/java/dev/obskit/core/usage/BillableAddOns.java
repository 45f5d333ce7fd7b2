package dev.obskit.core.usage;

import dev.obskit.core.id.TeamId;
import java.util.List;

/**
 * Lists the billable add-ons a team uses now. A module that sells add-ons (status pages)
 * registers one with {@code ObsContext.register(BillableAddOns.class, ...)}; obs-billing looks it
 * up and prices each {@link BillableAddOn#code()} from its price book. Implementations are
 * thread-safe and answer from memory.
 */
@FunctionalInterface
public interface BillableAddOns {
  /** Returns the add-ons {@code team} uses, with a quantity above zero each. */
  List<BillableAddOn> billableAddOns(TeamId team);
}
