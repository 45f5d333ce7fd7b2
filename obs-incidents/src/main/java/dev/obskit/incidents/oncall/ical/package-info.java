/**
 * iCal (RFC 5545) for on-call schedules, through biweekly: export of final shifts as subscribable
 * feeds (whole schedule or one user, with cancelled tombstones and secret feed tokens), and
 * defensive import of overrides from a feed (size, event-count and date validation; the first bad
 * event refuses the whole feed).
 */
package dev.obskit.incidents.oncall.ical;
