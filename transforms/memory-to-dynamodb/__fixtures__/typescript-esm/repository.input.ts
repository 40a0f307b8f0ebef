import { randomUUID } from 'node:crypto';

export interface Event {
  id: string;
  venueId: string;
  name: string;
}

const events: Event[] = [];

export function listEventsAtVenue(venueId: string): Event[] {
  return events.filter((event) => event.venueId === venueId);
}

export function getEvent(id: string): Event | undefined {
  return events.find((event) => event.id === id);
}

export function addEvent(input: Omit<Event, 'id'>): Event {
  const event: Event = { id: randomUUID(), ...input };
  events.push(event);
  return event;
}
