// A real AT Protocol PDS (SQLite) and an in-memory PLC directory, both
// listening on 127.0.0.1 only, for crieur's Bluesky tests.
// Usage: node start.mjs DATA_DIR PLC_PORT PDS_PORT
import events from 'node:events'
import fs from 'node:fs'
import crypto from 'node:crypto'
import { createRequire } from 'node:module'
import { PDS, envToCfg, envToSecrets, readEnv } from '@atproto/pds'
import { createHttpTerminator } from 'http-terminator'

const require = createRequire(import.meta.url)
const { PlcServer, Database: PlcDatabase } = require('@did-plc/server')

const [dataDir, plcPort, pdsPort] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])]
fs.mkdirSync(dataDir, { recursive: true })
const started = Date.now()

const plc = PlcServer.create({ db: PlcDatabase.mock(), port: plcPort })
plc.server = plc.app.listen(plcPort, '127.0.0.1')
plc.terminator = createHttpTerminator({ server: plc.server })
await events.once(plc.server, 'listening')

const random = (bytes) => crypto.randomBytes(bytes).toString('hex')
const env = Object.assign(readEnv(), {
  port: pdsPort,
  hostname: 'localhost',
  devMode: true,
  dataDirectory: dataDir,
  blobstoreDiskLocation: `${dataDir}/blocks`,
  // A host name, not an IP literal: the PDS's fetch layer refuses those.
  didPlcUrl: `http://localhost:${plcPort}`,
  serviceHandleDomains: ['.test'],
  inviteRequired: false,
  jwtSecret: random(16),
  adminPassword: random(16),
  plcRotationKeyK256PrivateKeyHex: random(32),
  crawlers: [],
  rateLimitsEnabled: false,
})
const pds = await PDS.create(envToCfg(env), envToSecrets(env))
// PDS.start() listens on every interface: do its work, on loopback.
await pds.ctx.sequencer.start()
pds.server = pds.app.listen(pdsPort, '127.0.0.1')
pds.server.keepAliveTimeout = 90_000
pds.terminator = createHttpTerminator({ server: pds.server })
await events.once(pds.server, 'listening')
console.log(`ready: plc on ${plcPort}, pds on ${pdsPort}, in ${Date.now() - started} ms`)

const stop = async () => {
  await pds.destroy()
  await plc.destroy()
  process.exit(0)
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
