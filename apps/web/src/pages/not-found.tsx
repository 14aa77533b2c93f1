import { Link } from '../components/common';
import { Page } from '../components/page';
import { useApp } from '../context';

export function NotFoundPage() {
  const { t } = useApp();
  return (
    <Page title={t('notFoundTitle')}>
      <p>{t('notFoundText')}</p>
      <p>
        <Link to="/">{t('toHome')}</Link>
      </p>
    </Page>
  );
}
