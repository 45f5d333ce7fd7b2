/**
 * Response metrics: TTA/TTR per incident, MTTA/MTTR with percentiles and MTBF per team or service,
 * and their export as Micrometer meters (optional dependency).
 */
package dev.obskit.incidents.metrics;
