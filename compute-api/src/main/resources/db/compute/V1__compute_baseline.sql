-- The compute schema starts with the messaging tables of db/common (outbox, processed messages); the API's
-- own tables follow in later migrations.
SELECT 1;
