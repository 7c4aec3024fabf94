/** Tabs / Tab with the WAI-ARIA tabs pattern; only the selected tab's content is mounted. */
import { Children, isValidElement, useEffect, useId, useRef, useState, type KeyboardEvent, type ReactElement } from 'react';
import type { TabProps, TabsProps } from '@hubspot/ui-extensions';
import { cx, tid } from './common.tsx';

export function Tab({ children, testId }: TabProps) {
  // Tabs reads each Tab's props and renders the panel itself; a Tab outside Tabs just shows its content.
  return <div {...tid(testId)}>{children}</div>;
}

type TabId = string | number;

export function Tabs({ children, onSelectedChange, defaultSelected, selected, variant = 'default', fill, testId }: TabsProps) {
  const tabs = Children.toArray(children).filter((child): child is ReactElement<TabProps> => isValidElement(child) && child.type === Tab);
  const ids: TabId[] = tabs.map((tab, index) => tab.props.tabId ?? index);
  const [own, setOwn] = useState<TabId | undefined>(defaultSelected ?? ids[0]);
  useEffect(() => {
    if (selected !== undefined) setOwn(selected);
  }, [selected]);
  const current = selected ?? own;
  const active = ids.findIndex((id) => String(id) === String(current));
  const activeIndex = active >= 0 ? active : 0;
  const base = useId();
  const listRef = useRef<HTMLDivElement>(null);
  const choose = (index: number) => {
    const tab = tabs[index];
    const id = ids[index];
    if (!tab || id === undefined || tab.props.disabled) return;
    setOwn(id);
    if (index !== activeIndex) (onSelectedChange as ((id: TabId) => void) | undefined)?.(id);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step && event.key !== 'Home' && event.key !== 'End') return;
    event.preventDefault();
    const enabled = tabs.map((tab, index) => (tab.props.disabled ? -1 : index)).filter((index) => index >= 0);
    const at = enabled.indexOf(activeIndex);
    const next = event.key === 'Home' ? enabled[0] : event.key === 'End' ? enabled[enabled.length - 1] : enabled[(at + step + enabled.length) % enabled.length];
    if (next === undefined) return;
    choose(next);
    listRef.current?.querySelectorAll<HTMLElement>('[role="tab"]')[next]?.focus();
  };
  const panel = tabs[activeIndex];
  return (
    <div className={cx('uie-tabs', `uie-tabs--${variant}`, fill && 'uie-tabs--fill')} {...tid(testId)}>
      <div role="tablist" ref={listRef} className="uie-tabs__list" onKeyDown={onKeyDown}>
        {tabs.map((tab, index) => (
          <button
            key={String(ids[index])}
            type="button"
            role="tab"
            id={`${base}-tab-${index}`}
            aria-selected={index === activeIndex}
            aria-controls={`${base}-panel-${index}`}
            tabIndex={index === activeIndex ? 0 : -1}
            disabled={tab.props.disabled}
            title={tab.props.tooltip}
            className={cx('uie-tabs__tab', index === activeIndex && 'uie-tabs__tab--selected')}
            onClick={() => choose(index)}
            {...tid(tab.props.testId)}
          >
            {tab.props.title ?? String(ids[index])}
          </button>
        ))}
      </div>
      {panel ? (
        <div role="tabpanel" id={`${base}-panel-${activeIndex}`} aria-labelledby={`${base}-tab-${activeIndex}`} className="uie-tabs__panel" tabIndex={0}>
          {panel.props.children}
        </div>
      ) : null}
    </div>
  );
}
