import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { DownloadPdf } from '../DownloadPdf';
import { ErrorMessage } from '../errors';
import { day, money } from '../format';
import { CreateCreditNoteDocument, type CreditNoteLineInput, type InvoiceDetailFieldsFragment } from '../generated';

/** An invoice's credit notes, each with its credited lines and totals. */
export function CreditNotes({ creditNotes }: { creditNotes: InvoiceDetailFieldsFragment['creditNotes'] }) {
  if (creditNotes.length === 0) return null;
  return (
    <section aria-label="Credit notes">
      <h3>Credit notes</h3>
      <table>
        <thead>
          <tr>
            <th>Number</th>
            <th>Date</th>
            <th>Reason</th>
            <th>Lines</th>
            <th className="num">Tax</th>
            <th className="num">Total</th>
            <th>Document</th>
          </tr>
        </thead>
        <tbody>
          {creditNotes.map((note) => (
            <tr key={note.id}>
              <td>{note.number}</td>
              <td>{day(note.createdAt)}</td>
              <td>{note.reason}</td>
              <td>
                {note.lines.map((line) => (
                  <div key={line.invoiceLineId}>
                    {line.description}: {money(line.amount)}
                  </div>
                ))}
              </td>
              <td className="num">{money(note.tax)}</td>
              <td className="num">{money(note.total)}</td>
              <td>
                <DownloadPdf path={note.pdfUrl} name={`Download ${note.number} as PDF`} fallbackName={`${note.number}.pdf`} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

interface LineChoice {
  selected: boolean;
  /** Blank: what is left of the whole line. */
  amount: string;
}

/**
 * Credits an issued (or paid) invoice: the whole of it when no line is chosen, else the chosen lines, each whole or by
 * the amount given. The API refuses more than is left and names the field (`lines[0].amount`).
 */
export function CreditNoteForm({ invoice }: { invoice: InvoiceDetailFieldsFragment }) {
  const creditable = invoice.lines.filter((line) => !line.deduction);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [choices, setChoices] = useState<Record<string, LineChoice>>({});
  const [create, { loading, error, data, reset }] = useMutation(CreateCreditNoteDocument);

  const choose = (lineId: string, patch: Partial<LineChoice>) =>
    setChoices((all) => ({ ...all, [lineId]: { ...(all[lineId] ?? { selected: false, amount: '' }), ...patch } }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const lines: CreditNoteLineInput[] = creditable.flatMap((line) => {
      const choice = choices[line.id];
      if (!choice?.selected) return [];
      return [{ invoiceLine: line.id, ...(choice.amount.trim() ? { amount: choice.amount.trim() } : {}) }];
    });
    try {
      await create({ variables: { input: { invoice: invoice.id, reason: reason.trim(), ...(lines.length ? { lines } : {}) } } });
      setReason('');
      setChoices({});
      setOpen(false);
    } catch {
      // shown from `error`
    }
  };

  if (!open) {
    return (
      <div className="actions">
        {data && <p className="state">Credit note {data.createCreditNote.number} created.</p>}
        <button
          type="button"
          onClick={() => {
            reset();
            setOpen(true);
          }}
        >
          New credit note
        </button>
      </div>
    );
  }
  return (
    <form className="card form" onSubmit={submit} aria-label="New credit note">
      <h3>New credit note</h3>
      <p className="muted">Choose no line to credit everything left on the invoice. Tax is credited at the invoice&apos;s rate.</p>
      <label>
        Reason
        <input value={reason} onChange={(e) => setReason(e.target.value)} placeholder="Goodwill, billing error…" />
      </label>
      <table>
        <thead>
          <tr>
            <th>Credit</th>
            <th>Line</th>
            <th className="num">Amount</th>
            <th>Amount to credit</th>
          </tr>
        </thead>
        <tbody>
          {creditable.map((line) => {
            const choice = choices[line.id];
            return (
              <tr key={line.id}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Credit ${line.description}`}
                    checked={choice?.selected ?? false}
                    onChange={(e) => choose(line.id, { selected: e.target.checked })}
                  />
                </td>
                <td>{line.description}</td>
                <td className="num">{money(line.amount)}</td>
                <td>
                  <input
                    aria-label={`Amount to credit for ${line.description}`}
                    inputMode="decimal"
                    placeholder="whole line"
                    disabled={!choice?.selected}
                    value={choice?.amount ?? ''}
                    onChange={(e) => choose(line.id, { amount: e.target.value })}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <ErrorMessage error={error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={loading || !reason.trim()}>
          {loading ? 'Creating…' : 'Create credit note'}
        </button>
        <button type="button" className="link" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
