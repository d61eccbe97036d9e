import { z } from 'zod';

/**
 * A query of the stand-in's Webex API as text, without a cast: a parameter given twice (an array)
 * counts as not given. It never refuses, as the handlers check what they need themselves.
 */
export const textQuery = z.record(z.string(), z.string().optional().catch(undefined));
