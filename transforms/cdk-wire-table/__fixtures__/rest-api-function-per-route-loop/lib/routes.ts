export interface Route {
  name: string;
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
}

export const routes: Route[] = [
  { name: 'list-bookmarks', method: 'GET', path: 'bookmarks' },
  { name: 'create-bookmark', method: 'POST', path: 'bookmarks' },
  { name: 'get-bookmark', method: 'GET', path: 'bookmarks/{id}' },
  { name: 'delete-bookmark', method: 'DELETE', path: 'bookmarks/{id}' },
  { name: 'import-bookmarks', method: 'POST', path: 'bookmarks/import' },
  { name: 'health', method: 'GET', path: 'health' },
];
