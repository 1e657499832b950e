-- 0004-stats.sql: what statistics over accepted incidents need to answer
-- quickly on a large store (issue 6; figures in bench/RESULTS.md).
--
-- An incident concerns its stated count of people, else the people it
-- names. The number it names was a subquery per incident, a seek into
-- incident_person each time; it is now kept in incident.named by the
-- triggers below, so the rule is an expression over the incident's own
-- columns and can sit in an index.

ALTER TABLE incident ADD COLUMN named INTEGER NOT NULL DEFAULT 0
	CHECK (named >= 0);
UPDATE incident SET named = (SELECT count(*) FROM incident_person p
	WHERE p.incident_id = incident.id);

CREATE TRIGGER incident_person_added AFTER INSERT ON incident_person
BEGIN
	UPDATE incident SET named = named + 1 WHERE id = NEW.incident_id;
END;
CREATE TRIGGER incident_person_removed AFTER DELETE ON incident_person
BEGIN
	UPDATE incident SET named = named - 1 WHERE id = OLD.incident_id;
END;
CREATE TRIGGER incident_person_moved AFTER UPDATE OF incident_id
	ON incident_person
BEGIN
	UPDATE incident SET named = named - 1 WHERE id = OLD.incident_id;
	UPDATE incident SET named = named + 1 WHERE id = NEW.incident_id;
END;

-- Statistics group by host, year, type and group: with this index the
-- finest grouping is read in index order, with no sort and no table row.
CREATE INDEX incident_stats ON incident(status, host, substr(date, 1, 4),
	type, grp, count, named);
