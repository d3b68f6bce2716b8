import { ColumnSelect, UploadField } from './UploadFields';
import { valueDrafts, type MappingDraft, type MeterOption, type PropertyDraft, type ValueDraft } from './uploadMapping';

/** Step 2: which column of the file holds each part of a usage event. */
export function UploadMappingForm({
  columns,
  meters,
  draft,
  onChange,
}: {
  columns: string[];
  meters: MeterOption[];
  draft: MappingDraft;
  onChange: (draft: MappingDraft) => void;
}) {
  const set = (patch: Partial<MappingDraft>) => onChange({ ...draft, ...patch });
  const setValue = (i: number, patch: Partial<ValueDraft>) =>
    set({ values: draft.values.map((v, j) => (j === i ? { ...v, ...patch } : v)) });
  const setProperty = (i: number, patch: Partial<PropertyDraft>) =>
    set({ properties: draft.properties.map((p, j) => (j === i ? { ...p, ...patch } : p)) });
  const chooseMeter = (meterReference: string) => {
    const meter = meters.find((m) => m.reference === meterReference);
    const used = new Set(
      [
        draft.customer,
        draft.meterColumn,
        draft.reference,
        draft.timestamp,
        draft.subscription,
        ...draft.properties.map((p) => p.column),
      ].filter(Boolean),
    );
    set({ meterReference, values: valueDrafts(meter, columns, used) });
  };

  return (
    <>
      <fieldset>
        <legend>Event fields</legend>
        <div className="row">
          <ColumnSelect
            label="Customer column"
            columns={columns}
            value={draft.customer}
            none="— choose a column —"
            onChange={(customer) => set({ customer })}
          />
          <UploadField label="Meter">
            {(id) => (
              <select id={id} value={draft.meterReference} onChange={(e) => chooseMeter(e.target.value)}>
                <option value="">— choose a meter —</option>
                {meters.map((m) => (
                  <option key={m.reference} value={m.reference}>
                    {m.name} ({m.reference}){m.status === 'ACTIVE' ? '' : ` — ${m.status}`}
                  </option>
                ))}
              </select>
            )}
          </UploadField>
          <ColumnSelect
            label="Meter column"
            columns={columns}
            value={draft.meterColumn}
            none="— the meter above for every row —"
            onChange={(meterColumn) => set({ meterColumn })}
          />
          <ColumnSelect
            label="Reference column"
            columns={columns}
            value={draft.reference}
            none="— none: checksum and row number —"
            onChange={(reference) => set({ reference })}
          />
          <ColumnSelect
            label="Timestamp column"
            columns={columns}
            value={draft.timestamp}
            none="— none: the time of ingestion —"
            onChange={(timestamp) => set({ timestamp })}
          />
          <ColumnSelect
            label="Subscription column"
            columns={columns}
            value={draft.subscription}
            none="— none: the customer’s subscription pricing the metric —"
            onChange={(subscription) => set({ subscription })}
          />
        </div>
        {draft.meterColumn && <p className="muted">Each row names its meter; the values below must be values of that meter too.</p>}
      </fieldset>
      <fieldset>
        <legend>Values</legend>
        {draft.values.length === 0 && <p className="muted">Choose a meter to map its values.</p>}
        {draft.values.map((value, i) => (
          <div className="row" key={value.reference}>
            <ColumnSelect
              label={`Column of ${value.reference}`}
              columns={columns}
              value={value.column}
              none="— not mapped —"
              onChange={(column) => setValue(i, { column })}
            />
            {value.type === 'AMOUNT' ? (
              <UploadField label={`Currency of ${value.reference}`}>
                {(id) => (
                  <input
                    id={id}
                    value={value.currency}
                    maxLength={3}
                    placeholder="EUR"
                    onChange={(e) => setValue(i, { currency: e.target.value.toUpperCase() })}
                  />
                )}
              </UploadField>
            ) : (
              <span className="muted">NUMBER</span>
            )}
          </div>
        ))}
      </fieldset>
      <fieldset>
        <legend>Properties</legend>
        {draft.properties.map((property, i) => (
          <div className="row" key={i}>
            <UploadField label={`Property ${i + 1} name`}>
              {(id) => (
                <input id={id} value={property.name} onChange={(e) => setProperty(i, { name: e.target.value })} placeholder="region" />
              )}
            </UploadField>
            <ColumnSelect
              label={`Property ${i + 1} column`}
              columns={columns}
              value={property.column}
              none="— choose a column —"
              onChange={(column) => setProperty(i, { column })}
            />
            <button
              type="button"
              className="link"
              aria-label={`Remove property ${i + 1}`}
              onClick={() => set({ properties: draft.properties.filter((_, j) => j !== i) })}
            >
              Remove
            </button>
          </div>
        ))}
        <button type="button" className="link" onClick={() => set({ properties: [...draft.properties, { name: '', column: '' }] })}>
          Add property
        </button>
      </fieldset>
    </>
  );
}
