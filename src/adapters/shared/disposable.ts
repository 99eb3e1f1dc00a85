/**
 * Disposable-address detection for adapters whose backend has none (better-auth, most SCIM
 * providers). By default they use a compact list of 212 widely used providers (about 2 KB
 * gzip, bundled). The complete list (`disposable-email-domains`, about 120,000 domains, 672 KB
 * gzip) is opt-in, from `user-admin-kit/disposable-domains`: far too heavy to ship to a browser
 * by default; a host that needs it in full is better served checking on its server.
 */

/**
 * How an adapter tells whether an address belongs to a disposable-address provider. It may
 * answer at once or asynchronously (e.g. by asking the host's server).
 * @example
 * const check: DisposableEmailCheck = async (email) => (await fetch(`/api/disposable?email=${email}`)).ok;
 */
export type DisposableEmailCheck = (email: string) => boolean | Promise<boolean>;

/**
 * The providers checked by default: widely used disposable-address services, every one of them
 * also in the complete `disposable-email-domains` list (a unit test keeps it so).
 * @example
 * COMMON_DISPOSABLE_DOMAINS.includes('mailinator.com'); // true
 */
export const COMMON_DISPOSABLE_DOMAINS: readonly string[] = [
  '10mail.org', '10minutemail.co.uk', '10minutemail.com', '10minutemail.net', '1secmail.com', '1secmail.net',
  '1secmail.org', '20minutemail.com', '33mail.com', 'anonbox.net', 'anonymbox.com', 'armyspy.com',
  'binkmail.com', 'bobmail.info', 'burnermail.io', 'chammy.info', 'cuvox.de', 'dayrep.com',
  'devnullmail.com', 'discard.email', 'discardmail.com', 'discardmail.de', 'dispostable.com', 'dodgeit.com',
  'dodgit.com', 'dontreg.com', 'dropmail.me', 'dump-email.info', 'dumpmail.de', 'e4ward.com',
  'easytrashmail.com', 'einrot.com', 'einrot.de', 'emailfake.com', 'emailias.com', 'emailsensei.com',
  'emailtemporario.com.br', 'emailwarden.com', 'emltmp.com', 'ephemail.net', 'esiix.com', 'fakeinbox.com',
  'fakemailgenerator.com', 'fastacura.com', 'filzmail.com', 'fleckens.hu', 'generator.email',
  'getairmail.com', 'getnada.com', 'gishpuppy.com', 'great-host.in', 'grr.la', 'guerrillamail.biz',
  'guerrillamail.com', 'guerrillamail.de', 'guerrillamail.info', 'guerrillamail.net', 'guerrillamail.org',
  'guerrillamailblock.com', 'gustr.com', 'haltospam.com', 'hidemail.de', 'inboxkitten.com',
  'incognitomail.com', 'incognitomail.org', 'ipoo.org', 'jetable.com', 'jetable.net', 'jetable.org',
  'jourrapide.com', 'kasmail.com', 'klzlk.com', 'kurzepost.de', 'letthemeatspam.com', 'lhsdv.com',
  'lifebyfood.com', 'lookugly.com', 'lr78.com', 'mail-temporaire.fr', 'mailbidon.com', 'mailblocks.com',
  'mailcatch.com', 'maildrop.cc', 'mailexpire.com', 'mailforspam.com', 'mailinater.com', 'mailinator.com',
  'mailinator.net', 'mailinator2.com', 'mailincubator.com', 'mailmetrash.com', 'mailmoat.com',
  'mailnesia.com', 'mailnull.com', 'mailpoof.com', 'mailsac.com', 'mailshell.com', 'mailslite.com',
  'mailtemporaire.com', 'mailtemporaire.fr', 'mailzilla.com', 'mailzilla.org', 'mega.zik.dj', 'meltmail.com',
  'mintemail.com', 'moakt.com', 'mohmal.com', 'mt2015.com', 'mvrht.com', 'mymail-in.net', 'mytemp.email',
  'mytrashmail.com', 'nada.email', 'netmails.net', 'no-spam.ws', 'nobulk.com', 'noclickemail.com',
  'nogmailspam.info', 'nomail.xl.cx', 'nomail2me.com', 'nospam.ze.tc', 'nospamfor.us', 'nowmymail.com',
  'nurfuerspam.de', 'objectmail.com', 'owlpic.com', 'pokemail.net', 'pookmail.com', 'proxymail.eu',
  'put2.net', 'quickinbox.com', 'rcpt.at', 'rhyta.com', 'rppkn.com', 'rtrtr.com', 's0ny.net',
  'safetymail.info', 'selfdestructingmail.com', 'sharklasers.com', 'sneakemail.com', 'sogetthis.com',
  'spam.la', 'spam4.me', 'spamavert.com', 'spambog.com', 'spambog.de', 'spambog.ru', 'spambox.us',
  'spamcero.com', 'spamday.com', 'spamex.com', 'spamfree24.org', 'spamgourmet.com', 'spamhole.com',
  'spamify.com', 'spaml.com', 'spammotel.com', 'spamobox.com', 'spamspot.com', 'spamthis.co.uk',
  'speed.1s.fr', 'spymail.one', 'supergreatmail.com', 'superrito.com', 'teleworm.us', 'temp-mail.org',
  'tempail.com', 'tempemail.net', 'tempinbox.com', 'tempmail.plus', 'tempmailo.com', 'tempomail.fr',
  'temporaryemail.net', 'temporaryinbox.com', 'tempr.email', 'thankyou2010.com', 'throwawaymail.com',
  'tmail.ws', 'tmpeml.com', 'tmpmail.net', 'tmpmail.org', 'trash-mail.com', 'trash-mail.de', 'trash2009.com',
  'trashdevil.com', 'trashemail.de', 'trashmail.at', 'trashmail.com', 'trashmail.de', 'trashmail.io',
  'trashmail.me', 'trashmail.net', 'trashymail.com', 'trbvm.com', 'twinmail.de', 'veryrealemail.com',
  'viditag.com', 'wegwerfmail.de', 'wegwerfmail.net', 'wegwerfmail.org', 'wh4f.org', 'willselfdestruct.com',
  'wwjmp.com', 'xagloo.com', 'xojxe.com', 'yoggm.com', 'yopmail.com', 'yopmail.fr', 'yopmail.net',
  'yuurok.com', 'zehnminutenmail.de', 'zoemail.org',
];

/**
 * Whether a domain, or one of its parent domains, is in a set of disposable domains.
 * @example
 * domainIn('eu.mailinator.com', new Set(['mailinator.com'])); // true
 */
export function domainIn(email: string, domains: ReadonlySet<string>): boolean {
  const at = email.lastIndexOf('@');
  let domain = (at < 0 ? email : email.slice(at + 1)).trim().toLowerCase();
  while (domain.includes('.')) {
    if (domains.has(domain)) return true;
    domain = domain.slice(domain.indexOf('.') + 1);
  }
  return false;
}

let common: Set<string> | null = null;

/**
 * The default check of the better-auth and SCIM adapters: whether an address (or its domain)
 * belongs to one of {@link COMMON_DISPOSABLE_DOMAINS}, or a subdomain of one.
 * @example
 * isCommonDisposableEmail('someone@mailinator.com'); // true
 * isCommonDisposableEmail('ana@acme.fr');            // false
 */
export function isCommonDisposableEmail(email: string): boolean {
  common ??= new Set(COMMON_DISPOSABLE_DOMAINS);
  return domainIn(email, common);
}
