/**
 * Data step for the `implicit` grant type. Until it existed, every client allowed
 * `authorization_code` could ask /authorize for an id_token (response_type id_token, code id_token);
 * now that takes `implicit` in its grant types, as at Auth0. Clients stored before keep what they
 * could do: each interactive client allowed `authorization_code` gains `implicit`, which an admin may
 * then take away. The clients table's triggers bump config_version, so every process's cache drops
 * the old records.
 */
export const IMPLICIT_GRANT_MIGRATION = `
  UPDATE clients SET doc = json_insert(doc, '$.grantTypes[#]', 'implicit')
  WHERE json_extract(doc, '$.appType') <> 'non_interactive'
    AND EXISTS (SELECT 1 FROM json_each(doc, '$.grantTypes') WHERE value = 'authorization_code')
    AND NOT EXISTS (SELECT 1 FROM json_each(doc, '$.grantTypes') WHERE value = 'implicit');
`;
