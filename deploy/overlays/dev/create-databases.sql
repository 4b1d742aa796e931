-- Run once by the postgres image when its data directory is new: one database per service store.
CREATE DATABASE partners OWNER cyberpledge;
CREATE DATABASE federation OWNER cyberpledge;
