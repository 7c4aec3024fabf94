/**
 * State of the creation flow around its server-side draft: the tab on screen, each tab's descriptors and
 * values, Next/Back, server-side errors, the 409 reload and the submit.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

import {
  ApiError,
  draftFromConflict,
  getDraft,
  reloadDraftForm,
  saveDraftStep,
  startDraft,
  storedLineValues,
  submitDraft,
  submitRejection,
  STEP_IDS,
  type AttachmentResult,
  type Draft,
  type FieldValue,
  type Line,
  type Notice,
  type Order,
  type StepId,
  type Tab,
} from '../api';
import { initialValues, visibleValues, type Values } from './values';

export interface LineChoice {
  itemId: string | null;
  quantity: number;
  rate: number | null;
  /** The line's custom column values, by column id. */
  fields: Values;
}

export interface Created {
  order: Order;
  attachments: AttachmentResult[];
}

export type Phase = 'loading' | 'load_error' | 'ready';

const FORM_RELOADED: Notice = {
  tone: 'info',
  message: "The form's fields were read again from NetSuite. Check the Order tab, then continue to Review.",
};

const CHANGED_ELSEWHERE: Notice = {
  tone: 'warning',
  message: 'This order was changed in another window. It now shows the latest version: check the values and continue.',
};

function lineChoices(lines: Line[] | null, stored: Record<string, unknown> | undefined): Record<string, LineChoice> {
  const storedById = new Map(storedLineValues(stored).map((line) => [line.lineId, line]));
  const choices: Record<string, LineChoice> = {};
  for (const line of lines ?? []) {
    const kept = storedById.get(line.lineId);
    choices[line.lineId] = {
      itemId: line.item?.id ?? kept?.itemId ?? null,
      quantity: kept?.quantity ?? line.quantity,
      rate: kept?.rate ?? null,
      fields: initialValues(line.columns, line.fields),
    };
  }
  return choices;
}

/** After the form was read again: what the rep had entered stays, for the columns the form still has. */
function keptChoices(fresh: Record<string, LineChoice>, before: Record<string, LineChoice>, lines: Line[]): Record<string, LineChoice> {
  const merged: Record<string, LineChoice> = { ...fresh };
  for (const line of lines) {
    const old = before[line.lineId];
    const now = fresh[line.lineId];
    if (!old || !now) continue;
    const fields = { ...now.fields };
    for (const column of line.columns) {
      if (column.id in old.fields) fields[column.id] = old.fields[column.id] ?? null;
    }
    merged[line.lineId] = { ...now, itemId: old.itemId ?? now.itemId, quantity: old.quantity, rate: old.rate, fields };
  }
  return merged;
}

/** Lines that still need a NetSuite item picked: the order cannot move on to Review without one. */
export function blockingLines(lines: Line[] | null, choices: Record<string, LineChoice>): Line[] {
  return (lines ?? []).filter((line) => !choices[line.lineId]?.itemId);
}

export function useDraftFlow(dealId: string, onCreated: () => void) {
  const [phase, setPhase] = useState<Phase>('loading');
  const [loadError, setLoadError] = useState<unknown>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [viewStep, setViewStep] = useState<StepId>('account');
  const [tabs, setTabs] = useState<Partial<Record<StepId, Tab>>>({});
  const [values, setValues] = useState<Partial<Record<StepId, Values>>>({});
  const [lines, setLines] = useState<Record<string, LineChoice>>({});
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<Notice | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [reloadingForm, setReloadingForm] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [created, setCreated] = useState<Created | null>(null);
  // A second click while a request is in flight does nothing (the server is idempotent anyway).
  const inFlight = useRef(false);

  const applyDraft = useCallback((next: Draft) => {
    const tab = next.tab;
    setDraft(next);
    setTabs((previous) => ({ ...previous, [tab.step]: tab }));
    setValues((previous) => ({ ...previous, [tab.step]: initialValues(tab.fields, next.values[tab.step]) }));
    if (tab.step === 'order') setLines(lineChoices(tab.lines, next.values.order));
    setViewStep(tab.step);
    setFieldErrors({});
    setActionError(null);
    setCreated(next.status === 'created' && next.result ? next.result : null);
  }, []);

  const start = useCallback(
    async (restart: boolean) => {
      setPhase('loading');
      setNotice(null);
      try {
        applyDraft(await startDraft(dealId, { restart }));
        if (restart) setTabs((previous) => ({ account: previous.account }));
        setPhase('ready');
      } catch (error) {
        setLoadError(error);
        setPhase('load_error');
      }
    },
    [applyDraft, dealId],
  );

  useEffect(() => {
    // Resume the deal's open draft (or start one) once, when the flow opens.
    let current = true;
    startDraft(dealId).then(
      (draft) => {
        if (!current) return;
        applyDraft(draft);
        setPhase('ready');
      },
      (error: unknown) => {
        if (!current) return;
        setLoadError(error);
        setPhase('load_error');
      },
    );
    return () => {
      current = false;
    };
  }, [applyDraft, dealId]);

  /** Handles the errors every draft request shares; returns false when the caller should show `error`. */
  const recover = (error: unknown): boolean => {
    const current = draftFromConflict(error);
    if (current) {
      applyDraft(current);
      setNotice(CHANGED_ELSEWHERE);
      return true;
    }
    if (error instanceof ApiError && Object.keys(error.fields).length > 0) {
      setFieldErrors({ ...error.fields });
      setActionError(error);
      return true;
    }
    setActionError(error);
    return false;
  };

  const stepValues = (step: StepId): Record<string, unknown> => {
    const tab = tabs[step];
    if (!tab) return draft?.values[step] ?? {};
    const shown = visibleValues(step, tab.fields, values[step] ?? {});
    if (step !== 'order') return shown;
    return {
      ...shown,
      lines: (tab.lines ?? []).map((line) => ({
        lineId: line.lineId,
        itemId: lines[line.lineId]?.itemId ?? null,
        quantity: lines[line.lineId]?.quantity ?? line.quantity,
        rate: lines[line.lineId]?.rate ?? null,
        fields: Object.fromEntries(line.columns.map((column) => [column.id, lines[line.lineId]?.fields[column.id] ?? null])),
      })),
    };
  };

  const post = async (step: StepId, answer: Record<string, unknown>) => {
    if (!draft || inFlight.current) return;
    inFlight.current = true;
    setSaving(true);
    setNotice(null);
    try {
      applyDraft(await saveDraftStep(draft.id, step, { version: draft.version, values: answer }));
    } catch (error) {
      recover(error);
    } finally {
      inFlight.current = false;
      setSaving(false);
    }
  };

  const next = () => post(viewStep, stepValues(viewStep));

  /** Shows an earlier (or already reached) tab; one not seen since a reload is rebuilt by re-posting the tab before it. */
  const goTo = async (step: StepId) => {
    if (!draft || step === viewStep) return;
    const tab = tabs[step];
    setNotice(null);
    setActionError(null);
    setFieldErrors({});
    if (tab) {
      setValues((previous) => ({ ...previous, [step]: initialValues(tab.fields, draft.values[step]) }));
      if (step === 'order') setLines(lineChoices(tab.lines, draft.values.order));
      setViewStep(step);
      return;
    }
    const index = STEP_IDS.indexOf(step);
    const before = STEP_IDS[index - 1];
    if (before) {
      await post(before, draft.values[before] ?? {});
    } else {
      // The account tab of a resumed draft: its descriptors are gone; changing the account means starting over.
      setViewStep(step);
    }
  };

  const setValue = (step: StepId, fieldId: string, value: FieldValue) => {
    setValues((previous) => ({ ...previous, [step]: { ...previous[step], [fieldId]: value } }));
    setFieldErrors(({ [fieldId]: _cleared, ...rest }) => rest);
  };

  const setLine = (lineId: string, change: Partial<LineChoice>) => {
    setLines((previous) => {
      const current = previous[lineId] ?? { itemId: null, quantity: 1, rate: null, fields: {} };
      return { ...previous, [lineId]: { ...current, ...change } };
    });
  };

  const setLineField = (lineId: string, columnId: string, value: FieldValue) => {
    setLines((previous) => {
      const current = previous[lineId] ?? { itemId: null, quantity: 1, rate: null, fields: {} };
      return { ...previous, [lineId]: { ...current, fields: { ...current.fields, [columnId]: value } } };
    });
    setFieldErrors(({ [`lines.${lineId}.${columnId}`]: _cleared, ...rest }) => rest);
  };

  /** Reads the chosen form from NetSuite again (an admin changed it); what the rep typed on the Order tab stays. */
  const reloadForm = async () => {
    if (!draft || inFlight.current) return;
    inFlight.current = true;
    setReloadingForm(true);
    setNotice(null);
    const typed = values.order ?? {};
    const chosen = lines;
    try {
      const reloaded = await reloadDraftForm(draft.id);
      applyDraft(reloaded);
      const tab = reloaded.tab;
      if (tab.step === 'order') {
        const kept = Object.fromEntries(tab.fields.filter((field) => field.id in typed).map((field) => [field.id, typed[field.id] ?? null]));
        setValues((previous) => ({ ...previous, order: { ...previous.order, ...kept } }));
        setLines((fresh) => keptChoices(fresh, chosen, tab.lines ?? []));
      }
      setNotice(FORM_RELOADED);
    } catch (error) {
      recover(error);
    } finally {
      inFlight.current = false;
      setReloadingForm(false);
    }
  };

  const submit = async () => {
    if (!draft || inFlight.current) return;
    inFlight.current = true;
    setSubmitting(true);
    setNotice(null);
    setActionError(null);
    try {
      const result = await submitDraft(draft.id, draft.version);
      applyDraft(result.draft);
      setCreated({ order: result.order, attachments: result.attachments });
      onCreated();
    } catch (error) {
      const rejection = submitRejection(error);
      if (error instanceof ApiError && rejection) {
        // NetSuite refused a value: take the rep to the tab and field it belongs to.
        inFlight.current = false;
        await goTo(rejection.tab);
        const fields = { ...error.fields };
        if (rejection.field && !fields[rejection.field]) fields[rejection.field] = rejection.netsuiteMessage ?? error.message;
        setFieldErrors(fields);
        setNotice({ tone: 'danger', message: error.message });
      } else {
        recover(error);
      }
    } finally {
      inFlight.current = false;
      setSubmitting(false);
    }
  };

  const checkAgain = async () => {
    if (!draft) return;
    try {
      applyDraft(await getDraft(draft.id));
    } catch (error) {
      recover(error);
    }
  };

  return {
    phase,
    loadError,
    draft,
    viewStep,
    tab: tabs[viewStep] ?? null,
    values: values[viewStep] ?? {},
    lines,
    fieldErrors,
    notice,
    actionError,
    saving,
    reloadingForm,
    submitting,
    created,
    start,
    next,
    goTo,
    setValue,
    setLine,
    setLineField,
    reloadForm,
    submit,
    checkAgain,
  };
}

export type DraftFlow = ReturnType<typeof useDraftFlow>;
