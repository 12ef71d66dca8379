/**
 * Graphviz DOT for a dependency graph: nodes labelled with index and gas,
 * edges with their first location (and how many more), styled by confidence
 * (certain: bold, likely: solid, possible: dashed).
 */
import { describeLocation } from '../../src/shared/locations.js'
import type { DependencyEdge, DependencyGraph } from './dependencyGraph.js'

const STYLE = { certain: 'bold', likely: 'solid', possible: 'dashed' } as const

export function toDot(graph: DependencyGraph, name = 'dependencies'): string {
  const lines = [`digraph "${name}" {`, '  rankdir=LR;', '  node [shape=box, fontsize=10];', '  edge [fontsize=8];']
  graph.forEachNode((id, node) => lines.push(`  ${id} [label="${node.index}\\n${node.gas} gas"];`))
  graph.forEachEdge((_, edge, source, target) => {
    lines.push(`  ${source} -> ${target} [label="${escape(edgeLabel(edge))}", style=${STYLE[edge.confidence]}];`)
  })
  lines.push('}')
  return lines.join('\n') + '\n'
}

export function edgeLabel(edge: DependencyEdge): string {
  const parts = edge.locations.map(describeLocation)
  for (const account of edge.coarse) parts.push(`storage(0x${Buffer.from(account, 'latin1').toString('hex')},*)`)
  if (edge.declared) parts.push('declared')
  const [first, ...rest] = parts
  return rest.length === 0 ? (first ?? '') : `${first} +${rest.length}`
}

function escape(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')
}
