// validate.js checks FtM JSON-lines files against the FollowTheMoney model
// that the npm package @opensanctions/followthemoney ships: every schema
// exists and is concrete, every property exists on its schema and is not a
// reverse (stub) property, every value has its property type's form and
// length, every required property is there, and every entity reference
// resolves to an entity of the file whose schema fits the property's range.
//
// Usage: NODE_PATH=<node_modules> node validate.js FILE...
// Prints one line per problem ("FILE:LINE: message") and exits 1 when it
// found any; prints "N entities valid" and exits 0 otherwise.
'use strict'
const fs = require('fs')
const ftm = require('@opensanctions/followthemoney')

const model = new ftm.Model(ftm.defaultModel)
const idRE = /^[0-9a-zA-Z]([0-9a-zA-Z.-]*[0-9a-zA-Z])?$/
const dateRE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3])(:[0-5]\d(:[0-5]\d)?)?)?)?)?$/
const checks = {
  date: (v) => dateRE.test(v) || 'not an FtM date (YYYY, YYYY-MM, YYYY-MM-DD…)',
  country: (v) => model.types.country.values.has(v) || 'not an FtM country code',
  language: (v) => model.types.language.values.has(v) || 'not an FtM language code',
  gender: (v) => model.types.gender.values.has(v) || 'not an FtM gender',
  topic: (v) => model.types.topic.values.has(v) || 'not an FtM topic',
  url: (v) => /^https?:\/\/\S+$/.test(v) || 'not an http(s) URL',
  number: (v) => /^-?\d+(\.\d+)?$/.test(v) || 'not a number',
  checksum: (v) => /^[0-9a-f]{40}$/.test(v) || 'not a SHA-1 checksum',
  email: (v) => /^[^@\s]+@[^@\s]+$/.test(v) || 'not an email address',
}

let problems = 0
let valid = 0
function problem(where, msg) {
  problems++
  console.log(`${where}: ${msg}`)
}

for (const file of process.argv.slice(2)) {
  const lines = fs.readFileSync(file, 'utf8').split('\n')
  if (lines[lines.length - 1] === '') lines.pop()
  const entities = new Map()
  const refs = []
  lines.forEach((line, i) => {
    const where = `${file}:${i + 1}`
    let e
    try {
      e = JSON.parse(line)
    } catch (err) {
      return problem(where, `not JSON: ${err.message}`)
    }
    const keys = Object.keys(e).sort().join(',')
    if (keys !== 'id,properties,schema') {
      return problem(where, `keys are ${keys}, want id, schema and properties`)
    }
    if (typeof e.id !== 'string' || !idRE.test(e.id) || e.id.length > model.types.entity.maxLength) {
      problem(where, `id ${JSON.stringify(e.id)} is not a valid FtM id`)
    }
    if (entities.has(e.id)) problem(where, `id ${e.id} is used twice`)
    const schema = model.schemata[e.schema]
    if (!schema) return problem(where, `schema ${JSON.stringify(e.schema)} does not exist`)
    if (schema.abstract) problem(where, `schema ${e.schema} is abstract`)
    if (schema.deprecated) problem(where, `schema ${e.schema} is deprecated`)
    entities.set(e.id, { schema, where })
    let ok = true
    for (const [name, values] of Object.entries(e.properties)) {
      if (!schema.hasProperty(name)) {
        ok = false
        problem(where, `${e.schema} has no property ${name}`)
        continue
      }
      const prop = schema.getProperty(name)
      if (prop.stub) problem(where, `${e.schema}.${name} is a reverse property, set from the other side`)
      if (prop.deprecated) problem(where, `${e.schema}.${name} is deprecated`)
      if (!Array.isArray(values) || values.length === 0) {
        ok = false
        problem(where, `${e.schema}.${name} is not a non-empty list`)
        continue
      }
      const max = prop.maxLength || prop.type.maxLength
      for (const v of values) {
        if (typeof v !== 'string' || v.trim() === '') {
          ok = false
          problem(where, `${e.schema}.${name}: ${JSON.stringify(v)} is not a non-empty string`)
          continue
        }
        if (max && [...v].length > max) problem(where, `${e.schema}.${name}: value longer than ${max} characters`)
        if (prop.type.isEntity) {
          refs.push({ where, from: e, prop, to: v })
          continue
        }
        const check = checks[prop.type.name]
        const verdict = check ? check(v) : true
        if (verdict !== true) {
          ok = false
          problem(where, `${e.schema}.${name} (${prop.type.name}): ${JSON.stringify(v)} is ${verdict}`)
        }
      }
    }
    for (const req of schema.required) {
      if (!e.properties[req]) {
        ok = false
        problem(where, `${e.schema} requires ${req}`)
      }
    }
    if (ok) valid++
  })
  for (const r of refs) {
    const target = entities.get(r.to)
    if (!target) {
      problem(r.where, `${r.from.schema}.${r.prop.name} refers to ${r.to}, which is not in the file`)
      continue
    }
    const range = r.prop.getRange()
    if (range && !target.schema.isA(range)) {
      problem(r.where, `${r.from.schema}.${r.prop.name} refers to ${r.to}, a ${target.schema.name}, not a ${range.name}`)
    }
  }
}
if (problems > 0) process.exit(1)
console.log(`${valid} entities valid`)
