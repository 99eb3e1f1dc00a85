import { useEffect, useId, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useEntitiesByIds, useEntitySearch } from '../entities/useEntities';
import { useUserAdminTranslation } from '../i18n';
import { Button, Chip, LoadingState, SearchField, cx } from '../ui';

export interface InterimEntitySelectProps {
  /** The selected entity ids. */
  value: string[];
  onValueChange: (value: string[]) => void;
  /** Defaults to `t('invite.entities.label')`. */
  label?: ReactNode;
  /** An error to show; the list becomes `aria-invalid`. Defaults to none. */
  error?: ReactNode;
  /** Defaults to 20 entities per page. */
  pageSize?: number;
  /** Defaults to none. */
  className?: string;
}

/**
 * A searchable multi-select over the entity hierarchy (`useEntitySearch`): a search box, a
 * listbox with a check per entity (arrow keys move, Space selects or clears, a click too), and
 * the selection as removable chips. Interim: the EntityAccessPicker replaces it.
 * @example
 * <InterimEntitySelect value={entityIds} onValueChange={setEntityIds} />
 */
export function InterimEntitySelect({ value, onValueChange, label, error, pageSize = 20, className }: InterimEntitySelectProps) {
  const { t } = useUserAdminTranslation();
  const id = useId();
  const [search, setSearch] = useState('');
  const [active, setActive] = useState(0);
  const found = useEntitySearch({ search, pageSize });
  const { byId } = useEntitiesByIds(value);
  const items = found.items;
  const selected = new Set(value);
  const labelId = `${id}-label`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const optionId = (index: number) => `${id}-option-${index}`;
  const activeIndex = Math.min(active, Math.max(items.length - 1, 0));

  useEffect(() => setActive(0), [search]);
  useEffect(() => {
    document.getElementById(optionId(activeIndex))?.scrollIntoView?.({ block: 'nearest' });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [activeIndex]);

  const nameOf = (entityId: string) => byId.get(entityId)?.name ?? items.find((e) => e.id === entityId)?.name ?? entityId;
  const toggle = (entityId: string) =>
    onValueChange(selected.has(entityId) ? value.filter((v) => v !== entityId) : [...value, entityId]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const last = items.length - 1;
    const move = (to: number) => {
      event.preventDefault();
      setActive(Math.max(0, Math.min(last, to)));
    };
    if (event.key === 'ArrowDown') move(activeIndex + 1);
    else if (event.key === 'ArrowUp') move(activeIndex - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(last);
    else if (event.key === ' ') {
      event.preventDefault();
      const entity = items[activeIndex];
      if (entity) toggle(entity.id);
    }
  };

  return (
    <div role="group" aria-labelledby={labelId} data-slot="entity-select" className={cx('uak-entity-select', className)}>
      <span id={labelId} className="uak-field-label" data-slot="entity-select-label">
        {label ?? t('invite.entities.label')}
      </span>
      {value.length > 0 ? (
        <ul className="uak-invite-chips" aria-label={t('invite.entities.selected')} data-slot="entity-select-selection">
          {value.map((entityId) => (
            <li key={entityId}>
              <Chip onRemove={() => toggle(entityId)} removeLabel={t('invite.entities.remove', { name: nameOf(entityId) })}>
                {nameOf(entityId)}
              </Chip>
            </li>
          ))}
        </ul>
      ) : null}
      <SearchField label={t('invite.entities.search')} value={search} onValueChange={setSearch} />
      {found.isLoading ? (
        <LoadingState rows={3} />
      ) : items.length === 0 ? (
        <p className="uak-muted" data-slot="entity-select-empty">{t('invite.entities.empty')}</p>
      ) : (
        <div
          role="listbox"
          tabIndex={0}
          aria-multiselectable="true"
          aria-label={t('invite.entities.list')}
          aria-activedescendant={optionId(activeIndex)}
          aria-describedby={[hintId, error ? errorId : ''].filter(Boolean).join(' ')}
          aria-invalid={error ? true : undefined}
          aria-busy={found.isFetching || undefined}
          onKeyDown={onKeyDown}
          className="uak-entity-select-list"
          data-slot="entity-select-list"
        >
          {items.map((entity, index) => {
            const isSelected = selected.has(entity.id);
            return (
              <div
                key={entity.id}
                id={optionId(index)}
                role="option"
                aria-selected={isSelected}
                data-active={index === activeIndex ? '' : undefined}
                data-state={isSelected ? 'checked' : 'unchecked'}
                className="uak-entity-select-option"
                data-slot="entity-select-option"
                onClick={() => {
                  setActive(index);
                  toggle(entity.id);
                }}
              >
                <span className="uak-entity-select-check" aria-hidden="true" />
                <span className="uak-entity-select-name">{entity.name}</span>
                <span className="uak-muted uak-entity-select-kind">{t(`entityKind.${entity.kind}`)}</span>
              </div>
            );
          })}
        </div>
      )}
      {found.hasNextPage ? (
        <Button size="sm" variant="ghost" pending={found.isFetchingNextPage} onClick={found.fetchNextPage}>
          {t('invite.entities.loadMore')}
        </Button>
      ) : null}
      <p id={hintId} className="uak-field-hint">{t('invite.entities.hint')}</p>
      {error ? <p id={errorId} className="uak-field-error" data-slot="entity-select-error">{error}</p> : null}
    </div>
  );
}
