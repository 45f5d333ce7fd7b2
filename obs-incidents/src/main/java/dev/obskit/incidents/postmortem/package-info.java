/** Postmortem drafts in Markdown from an incident's timeline, root-cause hints, AI enrichment. */
package dev.obskit.incidents.postmortem;
