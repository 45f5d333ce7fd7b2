-- Subscriptions, invoices, cost records (unique on their natural key), and the usage ledger.
CREATE TABLE bil_subscription (
  team_id varchar(128) NOT NULL,
  id varchar(128) NOT NULL,
  version bigint NOT NULL,
  body ${json} NOT NULL,
  PRIMARY KEY (team_id, id)
);

CREATE TABLE bil_invoice (
  team_id varchar(128) NOT NULL,
  id varchar(128) NOT NULL,
  version bigint NOT NULL,
  period_month varchar(16) NOT NULL,
  body ${json} NOT NULL,
  PRIMARY KEY (team_id, id)
);
CREATE INDEX bil_invoice_month ON bil_invoice (period_month, team_id);

CREATE TABLE bil_cost (
  provider varchar(128) NOT NULL,
  account_id varchar(128) NOT NULL,
  service varchar(128) NOT NULL,
  sku varchar(256) NOT NULL,
  cost_date date NOT NULL,
  category varchar(32) NOT NULL,
  cost_source varchar(32) NOT NULL,
  version bigint NOT NULL,
  body ${json} NOT NULL,
  PRIMARY KEY (provider, account_id, service, sku, cost_date, category, cost_source)
);
CREATE INDEX bil_cost_date ON bil_cost (cost_date);

-- Usage: an idempotency key row (per team, period, meter) and the meter aggregate change in one
-- transaction; the key keeps its quantity, so a replay with another quantity is a conflict.
CREATE TABLE bil_usage_key (
  team_id varchar(128) NOT NULL,
  period_month varchar(16) NOT NULL,
  period_zone varchar(64) NOT NULL,
  meter varchar(128) NOT NULL,
  idempotency_key varchar(512) NOT NULL,
  quantity bigint NOT NULL,
  PRIMARY KEY (team_id, period_month, period_zone, meter, idempotency_key)
);
CREATE INDEX bil_usage_key_any_meter ON bil_usage_key (team_id, period_month, period_zone, idempotency_key);
CREATE INDEX bil_usage_key_month ON bil_usage_key (period_month);

CREATE TABLE bil_usage_meter (
  team_id varchar(128) NOT NULL,
  period_month varchar(16) NOT NULL,
  period_zone varchar(64) NOT NULL,
  meter varchar(128) NOT NULL,
  meter_value bigint NOT NULL,
  events bigint NOT NULL,
  latest_ts bigint NOT NULL,
  latest_key varchar(512) NOT NULL,
  PRIMARY KEY (team_id, period_month, period_zone, meter)
);

CREATE TABLE bil_usage_unique (
  team_id varchar(128) NOT NULL,
  period_month varchar(16) NOT NULL,
  period_zone varchar(64) NOT NULL,
  meter varchar(128) NOT NULL,
  dim_value varchar(1024) NOT NULL,
  PRIMARY KEY (team_id, period_month, period_zone, meter, dim_value)
);
