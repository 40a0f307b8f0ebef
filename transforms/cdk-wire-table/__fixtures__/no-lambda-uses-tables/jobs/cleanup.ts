export const handler = async () => { /* deletes old files from the bucket */ };
