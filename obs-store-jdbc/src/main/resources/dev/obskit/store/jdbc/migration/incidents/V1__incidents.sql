-- Incidents: queried fields as columns, the rest of the snapshot as body; timeline append-only.
CREATE TABLE inc_incident (
  team_id varchar(128) NOT NULL,
  id varchar(128) NOT NULL,
  version bigint NOT NULL,
  status varchar(16) NOT NULL,
  service_id varchar(128),
  dedup_key varchar(1024) NOT NULL,
  -- the dedup key while open, NULL once resolved: at most one open incident per (team, key)
  open_dedup_key varchar(1024),
  created_at bigint NOT NULL,
  body ${json} NOT NULL,
  PRIMARY KEY (team_id, id)
);
CREATE UNIQUE INDEX inc_incident_open_dedup ON inc_incident (team_id, open_dedup_key);
CREATE INDEX inc_incident_team_status ON inc_incident (team_id, status, created_at);
CREATE INDEX inc_incident_team_created ON inc_incident (team_id, created_at);
CREATE INDEX inc_incident_status ON inc_incident (status, created_at);

CREATE TABLE inc_timeline (
  team_id varchar(128) NOT NULL,
  incident_id varchar(128) NOT NULL,
  seq_no bigint NOT NULL,
  at_time bigint NOT NULL,
  type varchar(64) NOT NULL,
  body ${json} NOT NULL,
  PRIMARY KEY (team_id, incident_id, seq_no)
);

CREATE TABLE inc_service (
  team_id varchar(128) NOT NULL,
  id varchar(128) NOT NULL,
  version bigint NOT NULL,
  name varchar(512) NOT NULL,
  body ${json} NOT NULL,
  PRIMARY KEY (team_id, id)
);
CREATE INDEX inc_service_team_name ON inc_service (team_id, name);

-- Alert-to-service mappings; match_key is source:S, monitor:M, project:P or prefix:P.
CREATE TABLE inc_service_mapping (
  team_id varchar(128) NOT NULL,
  match_key varchar(1024) NOT NULL,
  service_id varchar(128) NOT NULL,
  PRIMARY KEY (team_id, match_key)
);

CREATE TABLE inc_policy (
  team_id varchar(128) NOT NULL,
  id varchar(128) NOT NULL,
  version bigint NOT NULL,
  name varchar(512) NOT NULL,
  body ${json} NOT NULL,
  PRIMARY KEY (team_id, id)
);
CREATE INDEX inc_policy_team_name ON inc_policy (team_id, name);

CREATE TABLE inc_responder (
  team_id varchar(128) NOT NULL,
  user_id varchar(128) NOT NULL,
  added_seq bigint NOT NULL,
  body ${json} NOT NULL,
  PRIMARY KEY (team_id, user_id)
);
CREATE INDEX inc_responder_team_order ON inc_responder (team_id, added_seq);

-- Schedules with their rotations, overrides and cover requests in body (never queried apart).
CREATE TABLE inc_schedule (
  team_id varchar(128) NOT NULL,
  id varchar(128) NOT NULL,
  version bigint NOT NULL,
  body ${json} NOT NULL,
  PRIMARY KEY (team_id, id)
);
