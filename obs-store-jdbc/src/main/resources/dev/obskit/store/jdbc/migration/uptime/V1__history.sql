-- obs-uptime's history snapshot (HistoryStore): one row per monitor, replaced as a whole in one
-- transaction; upt_history says when the snapshot was saved. Monitor ids are the module's own.
CREATE TABLE upt_history (
  name varchar(32) PRIMARY KEY,
  saved_epoch_second bigint NOT NULL,
  saved_nano int NOT NULL
);

CREATE TABLE upt_monitor_history (
  monitor_id varchar(128) PRIMARY KEY,
  state varchar(32),
  confirmed_down boolean NOT NULL,
  outage_start bigint,
  last_cause varchar(4000),
  availability ${binary} NOT NULL
);

CREATE TABLE upt_monitor_history_quarantine (
  quarantined_at bigint NOT NULL,
  monitor_id varchar(128) NOT NULL,
  state varchar(32),
  confirmed_down boolean NOT NULL,
  outage_start bigint,
  last_cause varchar(4000),
  availability ${binary} NOT NULL,
  PRIMARY KEY (quarantined_at, monitor_id)
);
