-- Keystone's credentials API names an EC2 credential by the SHA-256 (hex) of its access key; services that
-- verify S3 signatures look secrets up by that id (GET /v3/credentials/{id}).
ALTER TABLE ec2_credential ADD COLUMN credential_id VARCHAR(64);
UPDATE ec2_credential SET credential_id = encode(sha256(convert_to(access, 'UTF8')), 'hex');
ALTER TABLE ec2_credential ALTER COLUMN credential_id SET NOT NULL;
CREATE UNIQUE INDEX ec2_credential_by_credential_id ON ec2_credential (credential_id);
