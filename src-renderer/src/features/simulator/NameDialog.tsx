// Asks for a scenario name (clone, rename) in a small modal form.
import { useState } from 'react';
import { Modal } from '../../components/Modal';
import { useT } from '../../i18n';

export function NameDialog(p: {
  open: boolean;
  title: string;
  initial: string;
  onSubmit(name: string): void;
  onClose(): void;
}) {
  const t = useT();
  const [name, setName] = useState(p.initial);
  return (
    <Modal open={p.open} title={p.title} onClose={p.onClose}>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) p.onSubmit(name.trim());
        }}
      >
        <label className="field">
          <span>{t('col.name')}</span>
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={200}
            required
            data-testid="name-dialog-input"
          />
        </label>
        <div className="form-actions">
          <button type="submit" className="button button-primary">
            {t('common.ok')}
          </button>
          <button type="button" className="button" onClick={p.onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
