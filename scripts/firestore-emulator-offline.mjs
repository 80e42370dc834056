// Makes the Firestore emulator start with no internet.
// firebase-tools would download its emulator jar; this machine image ships Google's jar
// (without a Main-Class) under the gcloud SDK. We write a tiny launcher jar whose manifest
// names the main class and puts that jar on the class path, and point firebase-tools at it.
// Where the gcloud jar is absent this does nothing and firebase-tools downloads its own.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { crc32 } from 'node:zlib';

const GCLOUD_JAR = '/usr/lib/google-cloud-sdk/platform/cloud-firestore-emulator/cloud-firestore-emulator.jar';
const MAIN_CLASS = 'com.google.cloud.datastore.emulator.firestore.CloudFirestore';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const LAUNCHER = join(root, '.cache', 'firestore-emulator-launcher.jar');

/** A zip archive holding one stored (uncompressed) file: enough for a manifest-only jar. */
function zipWithOneFile(name, content) {
  const nameBytes = Buffer.from(name, 'utf8');
  const data = Buffer.from(content, 'utf8');
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(10, 4); // version needed
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4); // version made by
  central.writeUInt16LE(10, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  const centralOffset = local.length + nameBytes.length + data.length;
  const centralSize = central.length + nameBytes.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, nameBytes, data, central, nameBytes, end]);
}

/** Returns the environment firebase-tools needs to use the local jar, or {} where there is none. */
export function offlineFirestoreEmulatorEnv() {
  if (process.env.FIRESTORE_EMULATOR_BINARY_PATH) return {};
  if (!existsSync(GCLOUD_JAR)) return {};
  if (!existsSync(LAUNCHER)) {
    const manifest =
      'Manifest-Version: 1.0\r\n' +
      `Main-Class: ${MAIN_CLASS}\r\n` +
      `Class-Path: ${pathToFileURL(GCLOUD_JAR).href}\r\n\r\n`;
    mkdirSync(dirname(LAUNCHER), { recursive: true });
    writeFileSync(LAUNCHER, zipWithOneFile('META-INF/MANIFEST.MF', manifest));
  }
  return { FIRESTORE_EMULATOR_BINARY_PATH: LAUNCHER };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const env = offlineFirestoreEmulatorEnv();
  console.log(env.FIRESTORE_EMULATOR_BINARY_PATH ?? 'gcloud Firestore emulator jar not found; firebase-tools will download its own');
}
