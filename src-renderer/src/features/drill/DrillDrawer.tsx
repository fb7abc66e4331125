// The drill-down dialog, opened from any figure: a breadcrumb of the steps taken (each one a way
// back) over the current step's rows.
import { Modal } from '../../components/Modal';
import { useT } from '../../i18n';
import { formatRange, localeOf } from '../../i18n/format';
import { useDrillStore } from '../../stores/drill';
import { useViewStore } from '../../stores/view';
import { LinesList } from './LinesList';
import { NodeChildren } from './NodeChildren';
import { ReceiptsList } from './ReceiptsList';

export function DrillDrawer() {
  const t = useT();
  const locale = localeOf(useViewStore((s) => s.language));
  const { open, stack, range, close, popTo } = useDrillStore();
  const step = stack[stack.length - 1];
  const label = (i: number) => {
    const s = stack[i]!;
    if (s.kind === 'receipts') return t('drill.crumbReceipts', { name: s.nom });
    if (s.kind === 'lines') return t('drill.crumbReceipt', { name: s.nom });
    return s.level === 'group' ? t('scope.total') : s.nom;
  };
  return (
    <Modal
      open={open && step !== undefined}
      onClose={close}
      wide
      testId="drill"
      title={
        <>
          {t('drill.title')}
          {range ? <span className="modal-subtitle">{formatRange(range, locale)}</span> : null}
        </>
      }
    >
      <nav aria-label={t('drill.path')} className="breadcrumb">
        <ol>
          {stack.map((_, i) => (
            <li key={i}>
              {i < stack.length - 1 ? (
                <button type="button" className="link-button" onClick={() => popTo(i)}>
                  {label(i)}
                </button>
              ) : (
                <span aria-current="page">{label(i)}</span>
              )}
            </li>
          ))}
        </ol>
      </nav>
      {step?.kind === 'node' ? (
        <NodeChildren key={stack.length} step={step} locale={locale} />
      ) : null}
      {step?.kind === 'receipts' ? (
        <ReceiptsList key={stack.length} step={step} locale={locale} />
      ) : null}
      {step?.kind === 'lines' ? <LinesList venteId={step.venteId} locale={locale} /> : null}
    </Modal>
  );
}
