import { useEffect } from 'react';

/** Each page names itself in the tab and to screen readers on navigation (the shell's <title> is only a default). */
export function usePageTitle(title: string) {
  useEffect(() => {
    document.title = title;
  }, [title]);
}
