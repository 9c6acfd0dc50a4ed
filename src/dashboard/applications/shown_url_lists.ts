import type { Client } from '../../domain/types.js';
import { textField, type FormBody } from '../form_fields.js';
import { showsLoginFields } from './login_fields.js';
import { parseOriginList, parseUrlList, type UrlListResult } from './url_list.js';

/** The settings form's four URL lists, by field name. */
export const URL_LIST_FIELDS = ['callbacks', 'allowed_logout_urls', 'web_origins', 'allowed_origins'] as const;
export type UrlListFieldName = (typeof URL_LIST_FIELDS)[number];

/** One list as the form carried it: the text to show again, and its verdict. */
export interface UrlListField {
  text: string;
  result: UrlListResult;
}

/** Each list the form carried; a list it did not carry is absent, and its stored value is kept. */
export type ShownUrlLists = Partial<Record<UrlListFieldName, UrlListField>>;

/**
 * The lists as the form carried them. The page of an application no user signs in to, nor could
 * through its page (showsLoginFields: machine to machine without authorization_code), shows none of
 * them, so a post for one is read as carrying none (even a forged one that sends them): its lists
 * matter again if the Management API gives it authorization_code or changes its type back, and its
 * allowed_origins are the CORS origins of /oauth/token for every type. A post without one of the
 * fields (an older page, a forged post) keeps that list too. Reading either silence as "left empty"
 * would erase what the Management API set; a browser sends a textarea left empty as an empty value,
 * which clears its list.
 */
export function shownUrlLists(body: FormBody, client: Pick<Client, 'appType' | 'tokenEndpointAuthMethod' | 'grantTypes'>): ShownUrlLists {
  if (!showsLoginFields(client)) return {};
  const lists: ShownUrlLists = {};
  for (const field of URL_LIST_FIELDS) {
    if (typeof body?.[field] !== 'string') continue;
    const text = textField(body, field);
    lists[field] = { text, result: field === 'web_origins' || field === 'allowed_origins' ? parseOriginList(text) : parseUrlList(text, client.appType) };
  }
  return lists;
}

/** The client's lists replaced by those the form carried and that passed, the others as they are. */
export function withShownUrlLists(client: Client, lists: ShownUrlLists): Client {
  const urls = (field: UrlListFieldName): string[] | undefined => {
    const result = lists[field]?.result;
    return result?.ok ? result.urls : undefined;
  };
  const callbacks = urls('callbacks');
  const allowedLogoutUrls = urls('allowed_logout_urls');
  const webOrigins = urls('web_origins');
  const allowedOrigins = urls('allowed_origins');
  return {
    ...client,
    ...(callbacks && { callbacks }),
    ...(allowedLogoutUrls && { allowedLogoutUrls }),
    ...(webOrigins && { webOrigins }),
    ...(allowedOrigins && { allowedOrigins }),
  };
}
