-- A learner who cancelled may book the same session again: only one *active* booking per
-- learner and session is unique, not one booking ever.
DROP INDEX bookings_one_per_learner;
CREATE UNIQUE INDEX bookings_active_per_learner ON bookings (session_id, learner_id) WHERE status = 'booked';
