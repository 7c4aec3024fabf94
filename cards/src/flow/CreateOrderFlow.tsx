import {
  Alert,
  Button,
  Flex,
  LoadingButton,
  LoadingSpinner,
  StepIndicator,
  Text,
} from '@hubspot/ui-extensions';

import { STEP_IDS, type StepId } from '../api';
import { ApiErrorState } from '../ApiErrorState';
import { adviceFor } from '../errorAdvice';
import { FieldList } from './FieldList';
import { OrderCreated } from './OrderCreated';
import { StepCustomer } from './StepCustomer';
import { StepOrder } from './StepOrder';
import { StepReview } from './StepReview';
import { blockingLines, useDraftFlow, type DraftFlow } from './useDraftFlow';

interface CreateOrderFlowProps {
  dealId: string;
  locale: string;
  /** Called once the order exists, so the card list shows it. */
  onCreated: () => void;
  onClose: () => void;
}

/** Account → Customer → Order → Review, then Create sales order — resumable from the server-side draft. */
export function CreateOrderFlow({ dealId, locale, onCreated, onClose }: CreateOrderFlowProps) {
  const flow = useDraftFlow(dealId, onCreated);
  const { draft } = flow;

  if (flow.phase === 'loading') {
    return <LoadingSpinner label="Preparing the order" layout="centered" testId="flow-loading" />;
  }
  if (flow.phase === 'load_error' || !draft) {
    return <ApiErrorState error={flow.loadError} onRetry={() => void flow.start(false)} testId="flow-error" />;
  }
  if (flow.created) {
    return <OrderCreated created={flow.created} locale={locale} onDone={onClose} onStartAnother={() => void flow.start(true)} />;
  }
  if (draft.status === 'submitting') {
    return (
      <Flex direction="column" gap="sm" testId="flow-submitting">
        <Text>This order is being created in NetSuite. It takes a few seconds; nothing is sent twice.</Text>
        <Button onClick={() => void flow.checkAgain()}>Check again</Button>
      </Flex>
    );
  }

  const stepIndex = STEP_IDS.indexOf(flow.viewStep);
  const reachedIndex = STEP_IDS.indexOf(draft.step);
  const stepNames = draft.steps.map((step) => step.label);
  const failedTab = draft.error?.tab ?? null;

  return (
    <Flex direction="column" gap="md">
      <StepIndicator
        stepNames={stepNames}
        currentStep={stepIndex}
        testId="flow-steps"
        onClick={(index) => {
          const target = STEP_IDS[index];
          if (target && (index <= reachedIndex || draft.steps[index]?.complete)) void flow.goTo(target);
        }}
      />
      {draft.status === 'failed' && draft.error ? (
        <Alert title="NetSuite did not create the order" variant="danger" testId="draft-failed">
          <Text>{draft.error.message}</Text>
          {failedTab && failedTab !== flow.viewStep ? (
            <Button size="xs" onClick={() => void flow.goTo(failedTab)}>
              Fix it on the {draft.steps.find((step) => step.id === failedTab)?.label ?? failedTab} tab
            </Button>
          ) : null}
        </Alert>
      ) : null}
      {flow.notice ? (
        <Alert title={flow.notice.tone === 'danger' ? 'NetSuite rejected the order' : 'Note'} variant={flow.notice.tone} testId="flow-notice">
          {flow.notice.message}
        </Alert>
      ) : null}
      {flow.tab?.notices.map((notice) => (
        <Alert key={notice.message} title={notice.tone === 'info' ? 'Note' : 'Check this'} variant={notice.tone}>
          {notice.message}
        </Alert>
      ))}
      <StepBody flow={flow} locale={locale} />
      {flow.actionError ? (
        <Alert title={adviceFor(flow.actionError).title} variant="danger" testId="flow-action-error">
          {adviceFor(flow.actionError).message}
        </Alert>
      ) : null}
      <FlowButtons flow={flow} />
    </Flex>
  );
}

function StepBody({ flow, locale }: { flow: DraftFlow; locale: string }) {
  const { tab, viewStep, draft } = flow;
  const onChange = (fieldId: string, value: Parameters<DraftFlow['setValue']>[2]) => flow.setValue(viewStep, fieldId, value);
  if (!draft) return null;
  if (!tab) {
    // Only the account tab of a resumed draft lands here (see useDraftFlow.goTo).
    return (
      <Flex direction="column" gap="sm" testId="account-restart">
        <Text>Changing the NetSuite account, subsidiary or form starts the order again: customer and items depend on them.</Text>
        <Button onClick={() => void flow.start(true)}>Start over</Button>
      </Flex>
    );
  }
  switch (viewStep) {
    case 'account':
      return <FieldList step="account" fields={tab.fields} values={flow.values} errors={flow.fieldErrors} onChange={onChange} />;
    case 'customer':
      return <StepCustomer tab={tab} values={flow.values} errors={flow.fieldErrors} onChange={onChange} />;
    case 'order':
      return (
        <StepOrder
          draftId={draft.id}
          tab={tab}
          values={flow.values}
          choices={flow.lines}
          errors={flow.fieldErrors}
          locale={locale}
          onChange={onChange}
          onLineChange={flow.setLine}
          onLineFieldChange={flow.setLineField}
          onReloadForm={() => void flow.reloadForm()}
          reloading={flow.reloadingForm}
        />
      );
    case 'review':
      return tab.summary ? (
        <StepReview summary={tab.summary} locale={locale} onEdit={(step) => void flow.goTo(step)} />
      ) : (
        <Text>The summary is not available. Go back to the Order tab and continue again.</Text>
      );
  }
}

function FlowButtons({ flow }: { flow: DraftFlow }) {
  const { viewStep, tab } = flow;
  const index = STEP_IDS.indexOf(viewStep);
  const previous: StepId | undefined = STEP_IDS[index - 1];
  const blocked = viewStep === 'order' && blockingLines(tab?.lines ?? null, flow.lines).length > 0;
  const busy = flow.saving || flow.submitting || flow.reloadingForm;

  return (
    <Flex justify="between">
      {previous ? (
        <Button variant="secondary" disabled={busy} onClick={() => void flow.goTo(previous)} testId="flow-back">
          Back
        </Button>
      ) : (
        <Text> </Text>
      )}
      {viewStep === 'review' ? (
        <LoadingButton
          variant="primary"
          loading={flow.submitting}
          disabled={busy || !tab?.summary}
          onClick={() => void flow.submit()}
          testId="flow-submit"
        >
          Create sales order
        </LoadingButton>
      ) : tab ? (
        <LoadingButton variant="primary" loading={flow.saving} disabled={busy || blocked} onClick={() => void flow.next()} testId="flow-next">
          {viewStep === 'order' ? 'Review' : 'Next'}
        </LoadingButton>
      ) : null}
    </Flex>
  );
}
