import express from 'express';
import { readFile, writeFile } from 'fs/promises';

const DB_FILE = new URL('./data/links.json', import.meta.url);
const app = express();
app.use(express.json());

async function loadLinks() {
  return JSON.parse(await readFile(DB_FILE, 'utf8'));
}

async function saveLinks(links) {
  await writeFile(DB_FILE, JSON.stringify(links, null, 2));
}

app.post('/links', async (req, res) => {
  const links = await loadLinks();
  if (links.some((l) => l.code === req.body.code)) {
    return res.status(409).json({ error: 'code taken' });
  }
  const link = { code: req.body.code, url: req.body.url, clicks: 0 };
  links.push(link);
  await saveLinks(links);
  res.status(201).json(link);
});

app.get('/:code', async (req, res) => {
  const links = await loadLinks();
  const link = links.find((l) => l.code === req.params.code);
  if (!link) return res.status(404).send('Not found');
  link.clicks += 1;
  await saveLinks(links);
  res.redirect(302, link.url);
});

export default app;
