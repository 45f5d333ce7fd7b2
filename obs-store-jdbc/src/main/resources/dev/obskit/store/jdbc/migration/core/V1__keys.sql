-- Secrets ObsKit generates (incident link secret, iCal feed secret): first writer wins.
CREATE TABLE obs_key (
  name varchar(128) PRIMARY KEY,
  key_bytes ${binary} NOT NULL,
  created_at bigint NOT NULL
);
