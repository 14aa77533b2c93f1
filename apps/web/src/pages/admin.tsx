import { Page } from '../components/page';
import { useApp } from '../context';

export function AdminPage() {
  const { t } = useApp();
  return (
    <Page title={t('adminTitle')}>
      <p>{t('adminText')}</p>
      <p>
        <a href="/docs">/docs</a>
      </p>
    </Page>
  );
}
