import { z } from 'zod';

/**
 * The authority a TLS client trusts for a server (a driver store's FTPS, a directory's LDAPS or
 * StartTLS): PEM text pasted by the operator; empty means the authorities Node trusts.
 */
export const caCertificateSchema = z
  .string()
  .trim()
  .max(65_536, 'a CA certificate of at most 64 KiB')
  .refine((pem) => pem === '' || /-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/.test(pem), 'paste the CA certificate as PEM text, from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----')
  .default('');
