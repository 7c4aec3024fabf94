/** Form: commits every field (their onChange) before calling onSubmit with the values, like HubSpot. */
import { createContext, useContext, useEffect, useRef, type FormEvent } from 'react';
import type { FormInputValues, FormProps } from '@hubspot/ui-extensions';
import { FormSubmitExtensionEvent } from '../runtime/events.ts';
import { reactions } from '../runtime/overlays.ts';
import { tid } from './common.tsx';

export interface FieldRegistration {
  name: string;
  commit: () => void;
  value: () => string | number | undefined;
}

type Register = (field: FieldRegistration) => () => void;
const FormContext = createContext<Register | null>(null);

/** Fields call this so a surrounding Form can commit them and read their value on submit. */
export function useFormField(field: FieldRegistration): void {
  const register = useContext(FormContext);
  const latest = useRef(field);
  latest.current = field;
  useEffect(() => {
    if (!register) return;
    return register({
      get name() {
        return latest.current.name;
      },
      commit: () => latest.current.commit(),
      value: () => latest.current.value(),
    });
  }, [register]);
}

export function Form({ children, onSubmit, autoComplete, testId }: FormProps) {
  const fields = useRef(new Set<FieldRegistration>());
  const register: Register = (field) => {
    fields.current.add(field);
    return () => fields.current.delete(field);
  };
  const registerRef = useRef(register);
  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    // The card lives inside the CRM page: a form never navigates.
    event.preventDefault();
    const values: FormInputValues = {};
    for (const field of fields.current) {
      field.commit();
      const value = field.value();
      if (field.name && value !== undefined) values[field.name] = value;
    }
    if (onSubmit) {
      void Promise.resolve(onSubmit(new FormSubmitExtensionEvent(values, event.nativeEvent), reactions)).catch((error: unknown) =>
        console.error('[card] form submit handler failed', error),
      );
    }
  };
  return (
    <FormContext.Provider value={registerRef.current}>
      <form className="uie-form" noValidate autoComplete={autoComplete} onSubmit={handleSubmit} {...tid(testId)}>
        {children}
      </form>
    </FormContext.Provider>
  );
}
