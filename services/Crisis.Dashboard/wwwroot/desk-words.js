// How the desk's machine words read for people: the intake's language names ("arabic", "arabizi") and reasons
// ("reply_to_brand") are ids in the API and texts on the page. An id the catalogue does not know yet (a language or
// reason added to the server first) shows as itself rather than as a missing key.
import { badge } from './ui.js';
import { has, t } from './i18n.js';

/** The languages the intake gives a post (MentionLanguage in lower case), in the order the filter lists them. */
export const DESK_LANGUAGES = Object.freeze(['arabic', 'arabizi', 'french', 'english', 'other', 'unknown']);

/** The page's language → the intake's name for it: the default language of an answer when the post's is unknown. */
export const ANSWER_LANGUAGE_OF_PAGE = Object.freeze({ ar: 'arabic', fr: 'french', en: 'english' });

export function languageName(code) {
  return code && has(`desk.language.${code}`) ? t(`desk.language.${code}`) : (code || t('common.none'));
}

export function reasonBadges(reasons = []) {
  return reasons.map((reason) => badge(has(`desk.reason.${reason}`) ? t(`desk.reason.${reason}`) : reason, `reason-${reason}`));
}

export function outcomeName(outcome) {
  return outcome && has(`desk.outcome.${outcome}`) ? t(`desk.outcome.${outcome}`) : (outcome ?? t('desk.outcome.Pending'));
}
