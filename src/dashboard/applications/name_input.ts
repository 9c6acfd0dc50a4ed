import { MAX_APPLICATION_NAME_LENGTH } from '../../domain/application_name.js';

/**
 * The name input's maxlength. The name rule counts characters as a person does, by code point (an
 * emoji is one), while a browser's maxlength counts UTF-16 units (an emoji is two), so at the rule's
 * own number a name of 128 emoji saved through the Management API could not be saved again from its
 * page without cutting it. At twice the number no name the rule takes is cut, a paste stays bounded,
 * and the server, which counts as the rule does, says when a name is too long.
 */
export const NAME_INPUT_MAX_LENGTH = 2 * MAX_APPLICATION_NAME_LENGTH;
