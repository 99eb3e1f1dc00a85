import { useEffect, useRef, type ClipboardEvent, type KeyboardEvent } from 'react';
import { useUserAdminTranslation } from '../../i18n';
import { Button, Chip, Field, StatusMessage, cx } from '../../ui';
import { translateInviteFailure, translateInviteFieldError } from './invite.schema';
import { commitsOnKey, hasOpenGroup } from './parseEmails';
import type { InviteChip, UseInviteFormResult } from './useInviteForm';

export interface InviteEmailsFieldProps {
  /** The form, from {@link useInviteForm}. */
  invite: UseInviteFormResult;
  /** Defaults to none. */
  className?: string;
}

const TONE = { valid: 'neutral', invalid: 'danger', duplicate: 'warning' } as const;

function chipTone(chip: InviteChip) {
  return chip.status === 'valid' && (chip.reason || chip.failure || chip.domainRisk) ? 'warning' : TONE[chip.status];
}

/**
 * The address field of the invite dialog: one chip per address, typed or pasted. Enter, comma,
 * semicolon, a space after an address, and leaving the field turn the text into chips; Backspace
 * in the empty input removes the last chip; every chip can be reached with Tab, taken back into
 * the input for correction, or removed. Invalid and duplicate chips say why, and the field's
 * error counts them.
 * @example
 * const invite = useInviteForm();
 * <InviteEmailsField invite={invite} />
 */
export function InviteEmailsField({ invite, className }: InviteEmailsFieldProps) {
  const { t } = useUserAdminTranslation();
  const { chips, problemCount, inputValue, setInputValue, commitInput, removeChip, removeLastChip, editChip, form } = invite;
  const listRef = useRef<HTMLUListElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  // After a removal, focus goes to the chip that took its place, or to the input.
  const focusAfter = useRef<number | 'input' | null>(null);

  useEffect(() => {
    const target = focusAfter.current;
    if (target === null) return;
    focusAfter.current = null;
    const removers = listRef.current?.querySelectorAll<HTMLElement>('[data-slot="chip-remove"]');
    const next = typeof target === 'number' ? removers?.[Math.min(target, removers.length - 1)] : undefined;
    (next ?? inputRef.current)?.focus();
  }, [chips]);

  const fieldError = form.formState.errors.emails;
  const error =
    problemCount > 0
      ? t('invite.addressesNeedAttention', { count: problemCount })
      : fieldError?.message
        ? translateInviteFieldError(t, fieldError.message)
        : undefined;

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.nativeEvent.isComposing) return;
    if (commitsOnKey(event.key, inputValue)) {
      event.preventDefault();
      commitInput();
    } else if ((event.key === ',' || event.key === ';') && inputValue.trim() === '') {
      event.preventDefault();
    } else if (event.key === 'Backspace' && inputValue === '' && chips.length > 0) {
      event.preventDefault();
      removeLastChip();
    }
  };

  const onPaste = (event: ClipboardEvent<HTMLInputElement>) => {
    const pasted = event.clipboardData.getData('text');
    if (!/[\s,;<>"]/.test(pasted)) return; // one address: let it land in the input
    event.preventDefault();
    const input = event.currentTarget;
    const start = input.selectionStart ?? inputValue.length;
    const end = input.selectionEnd ?? inputValue.length;
    commitInput(inputValue.slice(0, start) + pasted + inputValue.slice(end));
  };

  return (
    <>
    <Field
      className={cx('uak-invite-emails', className)}
      label={t('invite.emails.label')}
      hint={t('invite.emails.hint')}
      error={error}
      required
    >
      {(control) => (
        <div className="uak-invite-emails-box" data-slot="invite-emails" data-invalid={error ? '' : undefined}>
          {chips.length > 0 ? (
            <ul ref={listRef} className="uak-invite-chips" aria-label={t('invite.emails.count', { count: chips.length })} data-slot="invite-chips">
              {chips.map((chip, index) => (
                <li key={chip.key} data-status={chip.status} data-reason={chip.reason ?? (chip.failure ? 'failed' : undefined)} data-domain-risk={chip.domainRisk ?? undefined}>
                  <Chip
                    tone={chipTone(chip)}
                    description={chip.reason
                      ? t(`invite.skipReason.${chip.reason}`)
                      : chip.failure ? t('invite.failedReason', { error: translateInviteFailure(t, chip.failure) })
                        : chip.domainRisk ? t(`invite.domainRisk.${chip.domainRisk}`) : undefined}
                    onActivate={() => {
                      editChip(index);
                      inputRef.current?.focus();
                    }}
                    activateLabel={t('invite.emails.edit', { email: chip.name ? `${chip.name} ${chip.address}` : chip.address })}
                    onRemove={() => {
                      focusAfter.current = chips.length > 1 ? index : 'input';
                      removeChip(index);
                    }}
                    removeLabel={t('invite.emails.remove', { email: chip.address })}
                  >
                    {/* A space after the name, so the visible text reads as the accessible name does ("Jane Doe jane@acme.fr"). */}
                    {chip.name ? <><span className="uak-invite-chip-name">{chip.name}</span>{' '}</> : null}
                    {chip.address}
                  </Chip>
                </li>
              ))}
            </ul>
          ) : null}
          <input
            {...control}
            ref={inputRef}
            type="text"
            inputMode="email"
            autoComplete="off"
            spellCheck={false}
            className="uak-invite-emails-input"
            data-slot="invite-emails-input"
            value={inputValue}
            onChange={(event) => {
              const value = event.target.value;
              // Mobile keyboards send no reliable key events: a separator typed at the end commits.
              if (/[,;\n]$/.test(value) && !hasOpenGroup(value.slice(0, -1))) commitInput(value.slice(0, -1));
              else setInputValue(value);
            }}
            onKeyDown={onKeyDown}
            onPaste={onPaste}
            onBlur={() => {
              if (inputValue.trim() !== '') commitInput();
            }}
          />
        </div>
      )}
    </Field>
    {invite.confirmation ? <InviteConfirmation invite={invite} onReview={() => inputRef.current?.focus()} /> : null}
    </>
  );
}

/** "Invite 120 people?" before a large send: the confirm button takes focus, Review goes back to the addresses. */
function InviteConfirmation({ invite, onReview }: { invite: UseInviteFormResult; onReview: () => void }) {
  const { t } = useUserAdminTranslation();
  const confirmRef = useRef<HTMLButtonElement>(null);
  const count = invite.confirmation?.count ?? 0;
  useEffect(() => confirmRef.current?.focus(), []);
  return (
    <StatusMessage tone="warning" className="uak-invite-confirm" data-slot="invite-confirm">
      <p><strong>{t('invite.confirmMany', { count })}</strong> {t('invite.confirmManyHint')}</p>
      <p>
        <Button ref={confirmRef} variant="primary" size="sm" pending={invite.isSubmitting} onClick={() => void invite.confirmSend()} data-slot="invite-confirm-send">
          {t('invite.confirmSend', { count })}
        </Button>{' '}
        <Button size="sm" onClick={() => { invite.cancelConfirm(); onReview(); }} data-slot="invite-confirm-review">
          {t('invite.confirmReview')}
        </Button>
      </p>
    </StatusMessage>
  );
}
