// Preferences (language, theme) as radio groups in fieldsets, and an About block.
import { ScreenHeader } from '../../components/ScreenHeader';
import { useT } from '../../i18n';
import { useAppInfoStore } from '../../stores/app-info';
import { useViewStore, type Language, type Theme } from '../../stores/view';

function RadioGroup<V extends string>(props: {
  name: string;
  legend: string;
  value: V;
  options: { value: V; label: string }[];
  onChange(value: V): void;
}) {
  return (
    <fieldset className="radio-group">
      <legend>{props.legend}</legend>
      <div className="segmented">
        {props.options.map((o) => (
          <label key={o.value} className="segment">
            <input
              type="radio"
              name={props.name}
              value={o.value}
              checked={props.value === o.value}
              onChange={() => props.onChange(o.value)}
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function SettingsScreen() {
  const t = useT();
  const language = useViewStore((s) => s.language);
  const theme = useViewStore((s) => s.theme);
  const setLanguage = useViewStore((s) => s.setLanguage);
  const setTheme = useViewStore((s) => s.setTheme);
  const info = useAppInfoStore((s) => s.info);
  return (
    <>
      <ScreenHeader title={t('screen.settings')} intro={t('screen.settings.intro')} />
      <div className="grid-2">
        <section className="card" aria-labelledby="prefs-title">
          <h2 id="prefs-title" className="card-title">
            {t('settings.preferences')}
          </h2>
          <RadioGroup<Language>
            name="language"
            legend={t('settings.language')}
            value={language}
            options={[
              { value: 'fr', label: t('settings.language.fr') },
              { value: 'en', label: t('settings.language.en') },
            ]}
            onChange={setLanguage}
          />
          <RadioGroup<Theme>
            name="theme"
            legend={t('settings.theme')}
            value={theme}
            options={[
              { value: 'light', label: t('settings.theme.light') },
              { value: 'dark', label: t('settings.theme.dark') },
            ]}
            onChange={setTheme}
          />
          <p className="muted small">{t('settings.saved')}</p>
        </section>
        <section className="card" aria-labelledby="about-title">
          <h2 id="about-title" className="card-title">
            {t('settings.about')}
          </h2>
          <dl className="facts">
            <dt>{t('settings.version')}</dt>
            <dd data-testid="about-version">{info?.version ?? '…'}</dd>
            <dt>{t('settings.platform')}</dt>
            <dd>{info?.platform ?? '…'}</dd>
            <dt>{t('settings.transport')}</dt>
            <dd>
              {info
                ? info.harness
                  ? t('settings.transport.harness')
                  : t('settings.transport.electron')
                : '…'}
            </dd>
          </dl>
        </section>
      </div>
    </>
  );
}
