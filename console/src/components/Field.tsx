import type { ComponentChildren } from 'preact';

/** A labelled control with the API's message for it beside it, tied to the control for screen readers. */
export function Field(props: { id: string; label: string; error?: string | undefined; children: ComponentChildren }) {
  return (
    <div class={props.error ? 'field invalid' : 'field'}>
      <label for={props.id}>{props.label}</label>
      {props.children}
      {props.error && (
        <span class="field-error" id={`${props.id}-error`} role="alert">
          {props.error}
        </span>
      )}
    </div>
  );
}

/** The aria attributes that tie a control to its error message. */
export const describedBy = (id: string, error: string | undefined) =>
  error ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : {};
