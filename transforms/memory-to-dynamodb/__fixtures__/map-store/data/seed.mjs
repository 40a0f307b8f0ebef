export const SEED_TODOS = [
  { id: 't7', title: 'Seeded in another module', completed: false },
];
