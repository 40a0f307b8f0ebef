import type { Event } from './models';

// the entity type comes from another module and is still needed once the array is gone
const events: Event[] = [];

export function getEvent(id: string): Event | undefined {
  return events.find((event) => event.id === id);
}
