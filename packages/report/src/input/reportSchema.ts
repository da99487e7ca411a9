/**
 * The report's versioned JSON Schema as data (schema/report.schema.json, which a test keeps
 * equal to it), used to validate report JSON read back by `hostplan report`.
 *
 * @example
 * REPORT_SCHEMA.$defs.resource.enum.includes('memoryMB') // => true
 */
export const REPORT_SCHEMA = {
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://hostplan.dev/schema/report-1.json",
  "title": "hostplan report",
  "description": "The JSON export of a hostplan report (schemaVersion 1.x). Every section but schemaVersion, kind and assumptions is optional. Unlimited capacities are the string \"Infinity\". Memory is in binary MB, storage in binary GB, CPU in GHz, network in Mbps.",
  "type": "object",
  "required": [
    "schemaVersion",
    "kind",
    "assumptions"
  ],
  "properties": {
    "$schema": {
      "type": "string"
    },
    "schemaVersion": {
      "type": "string",
      "pattern": "^1\\.\\d+\\.\\d+$"
    },
    "kind": {
      "const": "hostplan.report"
    },
    "title": {
      "type": "string"
    },
    "generatedAt": {
      "type": "string",
      "description": "ISO 8601"
    },
    "plan": {
      "$ref": "#/$defs/plan"
    },
    "vms": {
      "type": "array",
      "items": {
        "$ref": "#/$defs/vm"
      }
    },
    "failover": {
      "$ref": "#/$defs/failover"
    },
    "sizing": {
      "$ref": "#/$defs/sizing"
    },
    "costs": {
      "$ref": "#/$defs/costs"
    },
    "priceSheet": {
      "type": "array",
      "items": {
        "$ref": "#/$defs/priceLine"
      }
    },
    "measurements": {
      "$ref": "#/$defs/measurements"
    },
    "rightsizing": {
      "type": "array",
      "items": {
        "$ref": "#/$defs/finding"
      }
    },
    "growth": {
      "$ref": "#/$defs/growth"
    },
    "assumptions": {
      "type": "array",
      "items": {
        "$ref": "#/$defs/assumption"
      }
    }
  },
  "additionalProperties": false,
  "$defs": {
    "quantity": {
      "anyOf": [
        {
          "type": "number"
        },
        {
          "enum": [
            "Infinity"
          ]
        },
        {
          "type": "null"
        }
      ]
    },
    "resource": {
      "enum": [
        "cpuGHz",
        "vcpus",
        "memoryMB",
        "iops",
        "storageGB",
        "networkMbps",
        "vms"
      ]
    },
    "vector": {
      "type": "object",
      "properties": {
        "cpuGHz": {
          "$ref": "#/$defs/quantity"
        },
        "vcpus": {
          "$ref": "#/$defs/quantity"
        },
        "memoryMB": {
          "$ref": "#/$defs/quantity"
        },
        "iops": {
          "$ref": "#/$defs/quantity"
        },
        "storageGB": {
          "$ref": "#/$defs/quantity"
        },
        "networkMbps": {
          "$ref": "#/$defs/quantity"
        },
        "vms": {
          "$ref": "#/$defs/quantity"
        }
      },
      "additionalProperties": false
    },
    "reason": {
      "type": "object",
      "required": [
        "message"
      ],
      "properties": {
        "kind": {
          "type": "string"
        },
        "host": {
          "type": "string"
        },
        "message": {
          "type": "string"
        }
      }
    },
    "assumption": {
      "type": "object",
      "required": [
        "name",
        "source",
        "isDefault"
      ],
      "properties": {
        "name": {
          "type": "string"
        },
        "value": {},
        "unit": {
          "type": "string"
        },
        "source": {
          "type": "string"
        },
        "isDefault": {
          "type": "boolean"
        }
      }
    },
    "host": {
      "type": "object",
      "required": [
        "id",
        "used",
        "capacity"
      ],
      "properties": {
        "id": {
          "type": "string"
        },
        "model": {
          "type": "string"
        },
        "used": {
          "$ref": "#/$defs/vector"
        },
        "capacity": {
          "$ref": "#/$defs/vector"
        },
        "total": {
          "$ref": "#/$defs/vector"
        },
        "reserved": {
          "$ref": "#/$defs/vector"
        },
        "binding": {
          "anyOf": [
            {
              "$ref": "#/$defs/resource"
            },
            {
              "type": "null"
            }
          ]
        },
        "vms": {
          "type": "array",
          "items": {
            "type": "string"
          }
        }
      }
    },
    "plan": {
      "type": "object",
      "required": [
        "placements",
        "unplaced",
        "hosts"
      ],
      "properties": {
        "placements": {
          "type": "array",
          "items": {
            "type": "object",
            "required": [
              "vm",
              "host"
            ],
            "properties": {
              "vm": {
                "type": "string"
              },
              "host": {
                "type": "string"
              }
            }
          }
        },
        "unplaced": {
          "type": "array",
          "items": {
            "type": "object",
            "required": [
              "vm",
              "reasons"
            ],
            "properties": {
              "vm": {
                "type": "string"
              },
              "reasons": {
                "type": "array",
                "items": {
                  "$ref": "#/$defs/reason"
                }
              }
            }
          }
        },
        "hosts": {
          "type": "array",
          "items": {
            "$ref": "#/$defs/host"
          }
        },
        "summary": {
          "type": "object",
          "properties": {
            "hostsUsed": {
              "type": "number"
            },
            "lowerBound": {
              "type": "number"
            },
            "vmsPlaced": {
              "type": "number"
            },
            "vmsUnplaced": {
              "type": "number"
            },
            "binding": {
              "anyOf": [
                {
                  "$ref": "#/$defs/resource"
                },
                {
                  "type": "null"
                }
              ]
            }
          }
        },
        "assumptions": {
          "type": "array",
          "items": {
            "$ref": "#/$defs/assumption"
          }
        }
      }
    },
    "vm": {
      "type": "object",
      "required": [
        "id"
      ],
      "properties": {
        "id": {
          "type": "string"
        },
        "group": {
          "type": "string"
        },
        "size": {
          "$ref": "#/$defs/vector"
        }
      }
    },
    "failover": {
      "type": "object",
      "required": [
        "toleratedFailures",
        "met"
      ],
      "properties": {
        "toleratedFailures": {
          "type": "number"
        },
        "requiredFailures": {
          "type": "number"
        },
        "met": {
          "type": "boolean"
        },
        "exhaustive": {
          "type": "boolean"
        },
        "worstScenario": {
          "anyOf": [
            {
              "type": "null"
            },
            {
              "type": "object",
              "required": [
                "failedHosts"
              ],
              "properties": {
                "failedHosts": {
                  "type": "array",
                  "items": {
                    "type": "string"
                  }
                },
                "binding": {
                  "anyOf": [
                    {
                      "$ref": "#/$defs/resource"
                    },
                    {
                      "type": "null"
                    }
                  ]
                },
                "description": {
                  "type": "string"
                }
              }
            }
          ]
        },
        "headroom": {
          "type": "array",
          "items": {
            "type": "object",
            "required": [
              "host",
              "free",
              "capacity"
            ],
            "properties": {
              "host": {
                "type": "string"
              },
              "free": {
                "$ref": "#/$defs/vector"
              },
              "capacity": {
                "$ref": "#/$defs/vector"
              }
            }
          }
        },
        "notRestarted": {
          "type": "array",
          "items": {
            "type": "object",
            "required": [
              "vm"
            ],
            "properties": {
              "vm": {
                "type": "string"
              },
              "reasons": {
                "type": "array",
                "items": {
                  "$ref": "#/$defs/reason"
                }
              }
            }
          }
        },
        "verdict": {
          "enum": [
            "met",
            "not met",
            "not proven"
          ]
        },
        "proof": {
          "type": "string"
        },
        "coverage": {
          "type": "object",
          "required": [
            "checked",
            "total"
          ],
          "properties": {
            "checked": {
              "type": "number"
            },
            "total": {
              "type": "number"
            }
          }
        },
        "warnings": {
          "type": "array",
          "items": {
            "type": "string"
          }
        },
        "runbook": {
          "type": "object",
          "required": [
            "total",
            "scenarios"
          ],
          "properties": {
            "total": {
              "type": "number"
            },
            "note": {
              "anyOf": [
                {
                  "type": "string"
                },
                {
                  "type": "null"
                }
              ]
            },
            "scenarios": {
              "type": "array",
              "items": {
                "type": "object",
                "required": [
                  "failed",
                  "placements",
                  "unplaced"
                ],
                "properties": {
                  "cluster": {
                    "type": "string"
                  },
                  "failed": {
                    "type": "array",
                    "items": {
                      "type": "string"
                    }
                  },
                  "placements": {
                    "type": "array",
                    "items": {
                      "type": "object",
                      "required": [
                        "vm",
                        "host"
                      ],
                      "properties": {
                        "vm": {
                          "type": "string"
                        },
                        "from": {
                          "type": "string"
                        },
                        "host": {
                          "type": "string"
                        }
                      }
                    }
                  },
                  "unplaced": {
                    "type": "array",
                    "items": {
                      "type": "object",
                      "required": [
                        "vm"
                      ],
                      "properties": {
                        "vm": {
                          "type": "string"
                        },
                        "from": {
                          "type": "string"
                        },
                        "reasons": {
                          "type": "array",
                          "items": {
                            "$ref": "#/$defs/reason"
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    },
    "sizing": {
      "type": "object",
      "required": [
        "hostsNeeded"
      ],
      "properties": {
        "hostsNeeded": {
          "type": "number"
        },
        "hostModel": {
          "type": "string"
        },
        "binding": {
          "anyOf": [
            {
              "$ref": "#/$defs/resource"
            },
            {
              "type": "null"
            }
          ]
        },
        "lowerBound": {
          "type": "number"
        },
        "spareHosts": {
          "type": "number"
        },
        "options": {
          "type": "array",
          "items": {
            "type": "object",
            "required": [
              "model",
              "hosts"
            ],
            "properties": {
              "model": {
                "type": "string"
              },
              "hosts": {
                "type": "number"
              },
              "costPerMonth": {
                "type": "number"
              },
              "costPerVm": {
                "type": [
                  "number",
                  "null"
                ]
              },
              "binding": {
                "anyOf": [
                  {
                    "$ref": "#/$defs/resource"
                  },
                  {
                    "type": "null"
                  }
                ]
              },
              "bindingShare": {
                "type": "number"
              },
              "feasible": {
                "type": "boolean"
              },
              "note": {
                "type": "string"
              }
            }
          }
        }
      }
    },
    "costs": {
      "type": "object",
      "required": [
        "lines"
      ],
      "properties": {
        "currency": {
          "type": "string"
        },
        "period": {
          "enum": [
            "month",
            "year"
          ]
        },
        "vmCount": {
          "type": "number"
        },
        "lines": {
          "type": "array",
          "items": {
            "type": "object",
            "required": [
              "category",
              "amount"
            ],
            "properties": {
              "category": {
                "type": "string"
              },
              "amount": {
                "type": "number"
              },
              "note": {
                "type": "string"
              }
            }
          }
        }
      }
    },
    "priceLine": {
      "type": "object",
      "required": [
        "item",
        "unit",
        "unitPrice"
      ],
      "properties": {
        "item": {
          "type": "string"
        },
        "unit": {
          "type": "string"
        },
        "unitPrice": {
          "type": "number"
        },
        "currency": {
          "type": "string"
        },
        "quantity": {
          "type": "number"
        },
        "source": {
          "type": "string"
        }
      }
    },
    "bandPoint": {
      "type": "object",
      "required": [
        "timestampMs",
        "p50"
      ],
      "properties": {
        "timestampMs": {
          "type": "number"
        },
        "p50": {
          "type": "number"
        },
        "p5": {
          "type": "number"
        },
        "p25": {
          "type": "number"
        },
        "p75": {
          "type": "number"
        },
        "p95": {
          "type": "number"
        },
        "max": {
          "type": "number"
        }
      }
    },
    "measurements": {
      "type": "object",
      "properties": {
        "summaries": {
          "type": "array",
          "items": {
            "type": "object",
            "required": [
              "name",
              "unit",
              "count"
            ],
            "properties": {
              "name": {
                "type": "string"
              },
              "unit": {
                "type": "string"
              },
              "count": {
                "type": "number"
              },
              "coverage": {
                "type": "number"
              },
              "confidenceStars": {
                "type": "number"
              },
              "mean": {
                "type": "number"
              },
              "p50": {
                "type": "number"
              },
              "p95": {
                "type": "number"
              },
              "p99": {
                "type": "number"
              },
              "max": {
                "type": "number"
              }
            }
          }
        },
        "timeSeries": {
          "type": "array",
          "items": {
            "type": "object",
            "required": [
              "name",
              "unit",
              "points"
            ],
            "properties": {
              "name": {
                "type": "string"
              },
              "unit": {
                "type": "string"
              },
              "points": {
                "type": "array",
                "items": {
                  "$ref": "#/$defs/bandPoint"
                }
              },
              "thresholds": {
                "type": "array",
                "items": {
                  "type": "object",
                  "required": [
                    "label",
                    "value"
                  ],
                  "properties": {
                    "label": {
                      "type": "string"
                    },
                    "value": {
                      "type": "number"
                    }
                  }
                }
              }
            }
          }
        },
        "heatmaps": {
          "type": "array",
          "items": {
            "type": "object",
            "required": [
              "name",
              "unit",
              "cells"
            ],
            "properties": {
              "name": {
                "type": "string"
              },
              "unit": {
                "type": "string"
              },
              "cells": {
                "type": "array",
                "items": {
                  "type": "object",
                  "required": [
                    "day",
                    "hour",
                    "value"
                  ],
                  "properties": {
                    "day": {
                      "type": "number"
                    },
                    "hour": {
                      "type": "number"
                    },
                    "value": {
                      "type": "number"
                    }
                  }
                }
              }
            }
          }
        },
        "distributions": {
          "type": "array",
          "items": {
            "type": "object",
            "required": [
              "name",
              "unit",
              "values"
            ],
            "properties": {
              "name": {
                "type": "string"
              },
              "unit": {
                "type": "string"
              },
              "values": {
                "type": "array",
                "items": {
                  "anyOf": [
                    {
                      "type": "number"
                    },
                    {
                      "type": "null"
                    }
                  ]
                }
              }
            }
          }
        },
        "peakCoincidence": {
          "type": "array",
          "items": {
            "type": "object",
            "required": [
              "host",
              "unit",
              "sumOfPeaks",
              "peakOfSum"
            ],
            "properties": {
              "host": {
                "type": "string"
              },
              "unit": {
                "type": "string"
              },
              "sumOfPeaks": {
                "type": "number"
              },
              "peakOfSum": {
                "type": "number"
              }
            }
          }
        },
        "alerts": {
          "type": "array",
          "items": {
            "type": "object",
            "required": [
              "severity",
              "subject",
              "message"
            ],
            "properties": {
              "severity": {
                "enum": [
                  "info",
                  "warning",
                  "critical"
                ]
              },
              "subject": {
                "type": "string"
              },
              "message": {
                "type": "string"
              }
            }
          }
        }
      }
    },
    "finding": {
      "type": "object",
      "required": [
        "vm",
        "kind",
        "current",
        "suggested",
        "evidence"
      ],
      "properties": {
        "vm": {
          "type": "string"
        },
        "kind": {
          "enum": [
            "idle",
            "oversized",
            "powered-off",
            "undersized"
          ]
        },
        "current": {
          "$ref": "#/$defs/vector"
        },
        "suggested": {
          "$ref": "#/$defs/vector"
        },
        "evidence": {
          "type": "string"
        }
      }
    },
    "growth": {
      "type": "object",
      "required": [
        "resource",
        "unit",
        "history",
        "capacity",
        "daysRemaining"
      ],
      "properties": {
        "resource": {
          "$ref": "#/$defs/resource"
        },
        "unit": {
          "type": "string"
        },
        "capacity": {
          "type": "number"
        },
        "history": {
          "type": "array",
          "items": {
            "type": "object",
            "required": [
              "timestampMs",
              "used"
            ],
            "properties": {
              "timestampMs": {
                "type": "number"
              },
              "used": {
                "type": "number"
              }
            }
          }
        },
        "projection": {
          "type": "array",
          "items": {
            "type": "object",
            "required": [
              "timestampMs",
              "used"
            ],
            "properties": {
              "timestampMs": {
                "type": "number"
              },
              "used": {
                "type": "number"
              }
            }
          }
        },
        "monthlyGrowth": {
          "type": "number"
        },
        "daysRemaining": {
          "anyOf": [
            {
              "type": "number"
            },
            {
              "type": "null"
            }
          ]
        },
        "warningDays": {
          "type": "number"
        }
      }
    }
  }
} as const;
