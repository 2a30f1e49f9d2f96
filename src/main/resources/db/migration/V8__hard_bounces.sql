-- Hard bounces of a subscriber's address: SMTP servers that refused it for good, and bounces a
-- mail provider reported later (POST /api/admin/bounces). After digest.delivery.max-hard-bounces
-- of them an active subscriber is BOUNCED and gets nothing until an operator reactivates them,
-- which sets the count back to 0. The last one is kept, to show an operator why.
ALTER TABLE subscriber ADD COLUMN hard_bounces INTEGER NOT NULL DEFAULT 0;
ALTER TABLE subscriber ADD COLUMN last_bounce_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE subscriber ADD COLUMN last_bounce VARCHAR(1000);
