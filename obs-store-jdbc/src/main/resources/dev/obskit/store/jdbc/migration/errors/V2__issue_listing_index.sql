-- Issue listings by project and status (triage views) without a scan of the team's issues.
CREATE INDEX err_issue_project_status ON err_issue (team_id, project_id, status, last_seen);
